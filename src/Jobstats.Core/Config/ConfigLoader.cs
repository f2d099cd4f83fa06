using System.Globalization;
using Jobstats.Core.Notes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Config;

/// <summary>
/// Reads jobstats.yaml. Every key is optional; an unknown key, a wrong type or a bad note rule is an error that
/// names the file and line. The file is data only: note rules are parsed, never executed.
/// </summary>
public static class ConfigLoader
{
    public static JobstatsConfig Parse(string yaml, string fileName)
    {
        var config = new JobstatsConfig();
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new ConfigException(fileName, e.Start.Line, $"invalid YAML: {e.Message}"); }
        if (stream.Documents.Count == 0) return config;
        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" or "~" or "null" }) return config;
        var reader = new Reader(fileName);
        var map = reader.Mapping(root, "the top level");
        foreach (var (keyNode, value) in map.Children)
        {
            string key = reader.Key(keyNode);
            switch (key)
            {
                case "prometheus":
                    foreach (var (k, v) in reader.Mapping(value, key).Children)
                    {
                        switch (reader.Key(k))
                        {
                            case "url": config.PrometheusUrl = reader.Url(v); break;
                            case "timeout_seconds": config.TimeoutSeconds = reader.Number(v, 0.1, 3600); break;
                            case "max_response_mib": config.MaxResponseMiB = (int)reader.Number(v, 1, 4096, integer: true); break;
                            default: throw reader.Unknown(k, "prometheus", "url, timeout_seconds, max_response_mib");
                        }
                    }
                    break;
                case "clusters":
                    foreach (var (k, v) in reader.Mapping(value, key).Children)
                    {
                        var settings = new ClusterSettings();
                        foreach (var (ck, cv) in reader.Mapping(v, $"clusters.{reader.Key(k)}").Children)
                        {
                            if (reader.Key(ck) != "prometheus_url") throw reader.Unknown(ck, $"clusters.{reader.Key(k)}", "prometheus_url");
                            settings.PrometheusUrl = reader.Url(cv);
                        }
                        config.Clusters[reader.Key(k)] = settings;
                    }
                    break;
                case "cluster_aliases":
                    foreach (var (k, v) in reader.Mapping(value, key).Children) config.ClusterAliases[reader.Key(k)] = reader.Text(v);
                    break;
                case "sampling_period_seconds": config.SamplingPeriodSeconds = (int)reader.Number(value, 1, 86400, integer: true); break;
                case "max_job_name_length": config.MaxJobNameLength = (int)reader.Number(value, 1, 4096, integer: true); break;
                case "gpu_query":
                    config.GpuQuery = reader.Text(value) switch
                    {
                        "jobid_label" => GpuQueryMode.JobIdLabel,
                        "legacy" => GpuQueryMode.Legacy,
                        _ => throw reader.Error(value, "gpu_query must be jobid_label or legacy"),
                    };
                    break;
                case "thresholds":
                    ReadTable(reader, value, key, config.Thresholds.Entries().Select(e => (e.Key, (Action<YamlNode>)(n => e.Set(reader.Number(n, 0, 1e9))))));
                    break;
                case "metrics":
                    ReadTable(reader, value, key, config.Metrics.Entries().Select(e => (e.Key, (Action<YamlNode>)(n => e.Set(reader.Identifier(n))))));
                    break;
                case "labels":
                    ReadTable(reader, value, key, config.Labels.Entries().Select(e => (e.Key, (Action<YamlNode>)(n => e.Set(reader.Identifier(n))))));
                    break;
                case "notes": ReadNotes(reader, value, config); break;
                default:
                    throw reader.Unknown(keyNode, "the top level",
                        "prometheus, clusters, cluster_aliases, sampling_period_seconds, max_job_name_length, gpu_query, thresholds, metrics, labels, notes");
            }
        }
        return config;
    }

    private static void ReadTable(Reader reader, YamlNode value, string section, IEnumerable<(string Key, Action<YamlNode> Set)> entries)
    {
        var table = entries.ToDictionary(e => e.Key, e => e.Set, StringComparer.Ordinal);
        foreach (var (k, v) in reader.Mapping(value, section).Children)
        {
            string key = reader.Key(k);
            if (!table.TryGetValue(key, out var set)) throw reader.Unknown(k, section, string.Join(", ", table.Keys));
            set(v);
        }
    }

    private static void ReadNotes(Reader reader, YamlNode value, JobstatsConfig config)
    {
        bool keepDefaults = true;
        var rules = new List<NoteRule>();
        var disabled = new List<(string Name, YamlNode Node)>();
        foreach (var (k, v) in reader.Mapping(value, "notes").Children)
        {
            switch (reader.Key(k))
            {
                case "defaults": keepDefaults = reader.Bool(v); break;
                case "disable":
                    foreach (YamlNode item in reader.Sequence(v, "notes.disable")) disabled.Add((reader.Text(item), item));
                    break;
                case "rules":
                    foreach (YamlNode item in reader.Sequence(v, "notes.rules")) rules.Add(ReadRule(reader, item));
                    break;
                default: throw reader.Unknown(k, "notes", "defaults, disable, rules");
            }
        }
        if (!keepDefaults) config.NoteRules.Clear();
        foreach (var (name, node) in disabled)
        {
            if (config.NoteRules.RemoveAll(r => r.Name == name) == 0)
                throw reader.Error(node, $"notes.disable: there is no built-in note named \"{name}\"");
        }
        config.NoteRules.AddRange(rules);
    }

    private static NoteRule ReadRule(Reader reader, YamlNode node)
    {
        string? name = null;
        NoteStyle style = NoteStyle.Normal;
        List<string> all = [], any = [], items = [];
        string? text = null;
        foreach (var (k, v) in reader.Mapping(node, "a note rule").Children)
        {
            switch (reader.Key(k))
            {
                case "name": name = reader.Text(v); break;
                case "style":
                    style = reader.Text(v) switch
                    {
                        "normal" => NoteStyle.Normal,
                        "bold" => NoteStyle.Bold,
                        "bold-red" => NoteStyle.BoldRed,
                        _ => throw reader.Error(v, "style must be normal, bold or bold-red"),
                    };
                    break;
                case "when": all.AddRange(reader.Sequence(v, "when").Select(reader.Text)); break;
                case "when_any": any.AddRange(reader.Sequence(v, "when_any").Select(reader.Text)); break;
                case "text": text = reader.Text(v); break;
                case "lines": items.AddRange(reader.Sequence(v, "lines").Select(reader.Text)); break;
                default: throw reader.Unknown(k, "a note rule", "name, style, when, when_any, text, lines");
            }
        }
        if (name is null) throw reader.Error(node, "a note rule needs a name");
        if (text is null) throw reader.Error(node, $"note \"{name}\" needs a text");
        try { return NoteRule.Create(name, style, all, any, [text, .. items]); }
        catch (FormatException e) { throw reader.Error(node, e.Message); }
    }

    /// <summary>Typed access to YAML nodes, turning every mismatch into a located error.</summary>
    private sealed class Reader(string file)
    {
        public ConfigException Error(YamlNode node, string problem) => new(file, node.Start.Line, problem);

        public ConfigException Unknown(YamlNode key, string section, string allowed) =>
            Error(key, $"unknown key \"{Key(key)}\" in {section} (allowed: {allowed})");

        public YamlMappingNode Mapping(YamlNode node, string what) => node switch
        {
            YamlMappingNode m => m,
            YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
            _ => throw Error(node, $"{what} must be a mapping"),
        };

        public IEnumerable<YamlNode> Sequence(YamlNode node, string what) =>
            node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

        public string Key(YamlNode node) => node is YamlScalarNode { Value: { } v } ? v : throw Error(node, "keys must be plain text");

        public string Text(YamlNode node) => node is YamlScalarNode { Value: { } v } ? v : throw Error(node, "expected a text value");

        public bool Bool(YamlNode node) => Text(node) switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, "expected true or false"),
        };

        public double Number(YamlNode node, double min, double max, bool integer = false)
        {
            string text = Text(node);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw Error(node, $"\"{text}\" is not a number");
            if (integer && value != Math.Floor(value)) throw Error(node, $"\"{text}\" must be a whole number");
            if (value < min || value > max) throw Error(node, $"{text} is out of range ({min}..{max})");
            return value;
        }

        public string Url(YamlNode node)
        {
            string text = Text(node);
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw Error(node, $"\"{text}\" is not an http(s) URL");
            return text.TrimEnd('/');
        }

        public string Identifier(YamlNode node)
        {
            string text = Text(node);
            bool valid = text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] is '_' or ':') &&
                text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
            return valid ? text : throw Error(node, $"\"{text}\" is not a valid Prometheus metric or label name");
        }
    }
}
