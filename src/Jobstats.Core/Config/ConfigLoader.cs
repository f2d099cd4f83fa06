using Jobstats.Core.Notes;
using Jobstats.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Config;

/// <summary>
/// Reads jobstats.yaml. Every key is optional; an unknown key, a wrong type or a bad note rule is an error that
/// names the file and line, and every such error is reported at once. Values follow the rules of
/// <see cref="YamlScalars"/>. The file is data only: note rules are parsed, never executed.
/// </summary>
public static partial class ConfigLoader
{
    public static JobstatsConfig Parse(string yaml, string fileName)
    {
        var problems = new YamlProblems(fileName);
        var config = new JobstatsConfig();
        var root = YamlText.Load(yaml, problems);
        if (problems.Count == 0) Read(YamlSection.Of(root, "", problems), config);
        if (problems.Count > 0) throw new ConfigException(problems.All);
        return config;
    }

    private static void Read(YamlSection top, JobstatsConfig config)
    {
        var prometheus = top.Section("prometheus");
        config.PrometheusUrl = prometheus.HttpUrl("url", config.PrometheusUrl).TrimEnd('/');
        config.TimeoutSeconds = prometheus.Number("timeout_seconds", config.TimeoutSeconds, 0.1, 3600);
        config.MaxResponseMiB = prometheus.Int("max_response_mib", config.MaxResponseMiB, 1, 4096);
        (config.BearerTokenFile, config.BasicAuth, config.CaFile) = ReadAccess(prometheus);
        prometheus.ReportUnknownKeys();

        var grafana = top.Section("grafana");
        config.GrafanaUrl = grafana.HttpUrl("url", "") is { Length: > 0 } grafanaUrl ? grafanaUrl.TrimEnd('/') : null;
        grafana.ReportUnknownKeys();

        var clusters = top.Section("clusters");
        foreach (var (name, _, value) in clusters.Entries())
        {
            var cluster = YamlSection.Of(value, clusters.Qualify(name), top.Problems);
            var settings = new ClusterSettings { PrometheusUrl = cluster.HttpUrl("prometheus_url", "") is { Length: > 0 } url ? url.TrimEnd('/') : null };
            (settings.BearerTokenFile, settings.BasicAuth, settings.CaFile) = ReadAccess(cluster);
            if (settings.PrometheusUrl is null && (settings.BearerTokenFile ?? settings.CaFile ?? settings.BasicAuth?.PasswordFile) is not null)
                cluster.Error(cluster.Node("bearer_token_file") ?? cluster.Node("basic_auth") ?? cluster.Node("ca_file"),
                    $"'{cluster.Path}': credentials and ca_file need the cluster's own prometheus_url (the prometheus: section's apply otherwise)");
            config.Clusters[name] = settings;
            cluster.ReportUnknownKeys();
        }

        var aliases = top.Section("cluster_aliases");
        foreach (var (alias, _, _) in aliases.Entries())
            if (aliases.OptionalString(alias) is { } real) config.ClusterAliases[alias] = real;

        config.SamplingPeriodSeconds = top.Int("sampling_period_seconds", config.SamplingPeriodSeconds, 1, 86400);
        config.MaxJobNameLength = top.Int("max_job_name_length", config.MaxJobNameLength, 1, 4096);
        config.GpuQuery = top.Choice("gpu_query", config.GpuQuery, ("jobid_label", GpuQueryMode.JobIdLabel), ("legacy", GpuQueryMode.Legacy));

        var thresholds = top.Section("thresholds");
        foreach (var (key, get, set) in config.Thresholds.Entries()) set(thresholds.Number(key, get(), 0, 1e9));
        thresholds.ReportUnknownKeys();
        var metrics = top.Section("metrics");
        foreach (var (key, get, set) in config.Metrics.Entries()) set(Identifier(metrics, key, get()));
        metrics.ReportUnknownKeys();
        var labels = top.Section("labels");
        foreach (var (key, get, set) in config.Labels.Entries()) set(Identifier(labels, key, get()));
        labels.ReportUnknownKeys();

        ReadNotes(top.Section("notes"), config);
        ReadSummaries(top.Section("summaries"), config.Summaries);
        ReadFleetSections(top, config);
        top.ReportUnknownKeys();
    }

    private static void ReadSummaries(YamlSection s, SummarySettings settings)
    {
        settings.Store = s.Choice("store", settings.Store, ("admin_comment", SummaryStoreMode.AdminComment),
            ("database", SummaryStoreMode.Database), ("database_and_admin_comment", SummaryStoreMode.DatabaseAndAdminComment));
        settings.DatabaseOptionFile = s.String("database_option_file", settings.DatabaseOptionFile);
        settings.SpoolDirectory = s.String("spool_dir", settings.SpoolDirectory);
        settings.BatchSize = s.Int("batch_size", settings.BatchSize, 1, 10000);
        settings.PrometheusConcurrency = s.Int("prometheus_concurrency", settings.PrometheusConcurrency, 1, 64);
        settings.PrometheusRetentionDays = s.Number("prometheus_retention_days", settings.PrometheusRetentionDays, 0.01, 36500);
        settings.BackfillIntervalMinutes = s.Number("backfill_interval_minutes", settings.BackfillIntervalMinutes, 0, 525600);
        settings.BackfillWindowHours = s.Number("backfill_window_hours", settings.BackfillWindowHours, 0.01, 876000);
        settings.MetricsListen = s.String("metrics_listen", settings.MetricsListen);
        settings.JobInfoIntervalSeconds = s.Number("job_info_interval_seconds", settings.JobInfoIntervalSeconds, 0, 86400);
        s.ReportUnknownKeys();
    }

    /// <summary>
    /// The credentials and CA of a store (the <c>prometheus:</c> section or one cluster's). Secrets are named by file,
    /// never written in the config, which every user of a login node can read.
    /// </summary>
    private static (string? Token, BasicAuthSettings? Basic, string? Ca) ReadAccess(YamlSection s)
    {
        foreach (var inline in (string[])["bearer_token", "password"])
            s.Refuse(inline, "secrets are never written in the config file, which every user can read; put it in a file " +
                $"(mode 0640, with the group of those who may query) and give '{inline}_file'");
        string? token = FilePath(s, "bearer_token_file");
        string? ca = FilePath(s, "ca_file");
        BasicAuthSettings? basic = null;
        if (s.Node("basic_auth") is { } basicNode && !YamlScalars.IsNull(basicNode))
        {
            var b = s.Section("basic_auth");
            b.Refuse("password", "passwords are never written in the config file; put it in a file and give 'password_file'");
            var user = b.OptionalString("username");
            var passwordFile = FilePath(b, "password_file");
            b.ReportUnknownKeys();
            if (user is not { Length: > 0 } || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsControl))
                b.Error(b.Node("username") ?? basicNode, $"'{b.Qualify("username")}' is required: a name without ':' or control characters");
            else if (passwordFile is null) b.Error(basicNode, $"'{b.Qualify("password_file")}' is required");
            else basic = new BasicAuthSettings(user, passwordFile);
            if (token is not null)
                s.Error(basicNode, $"'{s.Path}': give bearer_token_file or basic_auth, not both (one Authorization header)");
        }
        return (token, basic, ca);
    }

    private static string? FilePath(YamlSection s, string key)
    {
        var path = s.OptionalString(key);
        if (path is null) return null;
        if (Path.IsPathFullyQualified(path) && !path.Any(char.IsControl)) return path;
        s.Error(s.Node(key), $"'{s.Qualify(key)}' must be an absolute path, not '{path}'");
        return null;
    }

    // Metric and label names go into PromQL, so nothing but Prometheus' own name syntax gets through.
    private static string Identifier(YamlSection s, string key, string fallback)
    {
        string text = s.String(key, fallback);
        bool valid = text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] is '_' or ':') &&
            text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');
        if (valid) return text;
        s.Error(s.Node(key), $"'{s.Qualify(key)}': '{text}' is not a valid Prometheus metric or label name");
        return fallback;
    }

    private static void ReadNotes(YamlSection notes, JobstatsConfig config)
    {
        bool keepDefaults = notes.Bool("defaults", true);
        var disabled = notes.Strings("disable");
        var rules = notes.Items("rules").Select((item, i) => ReadRule(YamlSection.Of(item, $"notes.rules[{i}]", notes.Problems), item)).ToList();
        notes.ReportUnknownKeys();
        if (!keepDefaults) config.NoteRules.Clear();
        foreach (var (name, node) in disabled)
        {
            if (config.NoteRules.RemoveAll(r => r.Name == name) == 0)
                notes.Error(node, $"'notes.disable': there is no built-in note named '{name}'");
        }
        config.NoteRules.AddRange(rules.OfType<NoteRule>());
    }

    private static NoteRule? ReadRule(YamlSection s, YamlNode node)
    {
        var name = s.OptionalString("name");
        var style = s.Choice("style", NoteStyle.Normal, ("normal", NoteStyle.Normal), ("bold", NoteStyle.Bold), ("bold-red", NoteStyle.BoldRed));
        var all = s.Strings("when").Select(w => w.Text).ToList();
        var any = s.Strings("when_any").Select(w => w.Text).ToList();
        var text = s.OptionalString("text");
        var lines = s.Strings("lines").Select(l => l.Text);
        s.ReportUnknownKeys();
        if (name is null) { s.Error(node, "a note rule needs a name"); return null; }
        if (text is null) { s.Error(node, $"note '{name}' needs a text"); return null; }
        try { return NoteRule.Create(name, style, all, any, [text, .. lines]); }
        catch (FormatException e)
        {
            s.Error(node, $"note '{name}': {e.Message}");
            return null;
        }
    }
}
