using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Yaml;

/// <summary>
/// Turns the text of a YAML file into its one document's root node. Parsing a string is not I/O, so this lives
/// in Core; callers read the file. Before the representation model is built, a pass over the parser's events
/// refuses what the model would hide or choke on, reporting all of it at once:
/// <list type="bullet">
/// <item>duplicate keys (the model keeps one of them, or stops at the first), each with its line;</item>
/// <item>anchors and aliases: our files never need them, and refusing them keeps an alias bomb (nested aliases
/// that multiply on every walk, or as keys on every hash) from costing anything;</item>
/// <item>nesting deeper than <see cref="MaxDepth"/>: the model is built recursively and a stack overflow would
/// kill the process instead of reporting a line;</item>
/// <item>more than one document: the rest would be silently ignored.</item>
/// </list>
/// </summary>
public static class YamlText
{
    public const int MaxDepth = 64;

    /// <summary>The root node, or null when the text holds no document (empty or comments only) or has problems.</summary>
    public static YamlNode? Load(string yaml, YamlProblems problems)
    {
        int before = problems.Count;
        try { CheckEvents(yaml, problems); }
        catch (YamlException e) { problems.Add(e.Start.Line, $"not valid YAML: {e.Message}"); }
        if (problems.Count > before) return null;

        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            problems.Add(e.Start.Line, $"not valid YAML: {e.Message}");
            return null;
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private sealed class Collection(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;
        public bool AtKey { get; set; } = true;
        public Dictionary<string, long> Keys { get; } = new(StringComparer.Ordinal);
    }

    private static void CheckEvents(string yaml, YamlProblems problems)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Collection>();
        int documents = 0;
        long aliasLine = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (e is DocumentStart && ++documents == 2)
                problems.Add(e.Start.Line, "a second YAML document ('---'): the file must hold one");
            // One problem a line: a line of ten aliases is one thing to fix.
            if (e is AnchorAlias alias && e.Start.Line != aliasLine)
            {
                problems.Add(e.Start.Line, $"alias '*{alias.Value}': anchors and aliases are not supported");
                aliasLine = e.Start.Line;
            }
            if (e is NodeEvent { Anchor.IsEmpty: false } anchored && e.Start.Line != aliasLine)
            {
                problems.Add(e.Start.Line, $"anchor '&{anchored.Anchor}': anchors and aliases are not supported");
                aliasLine = e.Start.Line;
            }
            if (e is NodeEvent node && open.TryPeek(out var parent) && parent.IsMapping)
            {
                if (parent.AtKey && node is Scalar { Value: var key })
                {
                    if (!parent.Keys.TryAdd(key, e.Start.Line))
                        problems.Add(e.Start.Line, $"duplicate key '{key}' (first on line {parent.Keys[key]})");
                }
                parent.AtKey = !parent.AtKey;
            }
            switch (e)
            {
                case MappingStart or SequenceStart:
                    open.Push(new Collection(e is MappingStart));
                    if (open.Count > MaxDepth)
                    {
                        problems.Add(e.Start.Line, $"nested deeper than {MaxDepth} levels");
                        return;
                    }
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    break;
            }
        }
    }
}
