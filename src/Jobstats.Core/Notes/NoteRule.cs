using System.Text;

namespace Jobstats.Core.Notes;

/// <summary>
/// A declarative note: it fires when every <see cref="All"/> condition holds and, if <see cref="Any"/> is not empty,
/// at least one of those. Its text is a template whose {figure} placeholders are filled in; links and commands
/// (items starting with http, $ or #SBATCH) print on their own lines. Nothing here is ever executed.
/// </summary>
public sealed record NoteRule(string Name, NoteStyle Style, IReadOnlyList<Condition> All, IReadOnlyList<Condition> Any,
    IReadOnlyList<string> Items)
{
    public bool Fires(IReadOnlyDictionary<string, FigureValue> figures) =>
        All.All(c => c.Holds(figures)) && (Any.Count == 0 || Any.Any(c => c.Holds(figures)));

    public IReadOnlyList<string> Render(IReadOnlyDictionary<string, FigureValue> figures) =>
        [.. Items.Select(item => Fill(item, figures))];

    /// <summary>Replaces {name} with the figure's value; {{ and }} stand for literal braces.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, FigureValue> figures)
    {
        var builder = new StringBuilder(template.Length + 16);
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { builder.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { builder.Append('}'); i++; continue; }
            if (c == '{')
            {
                int end = template.IndexOf('}', i + 1);
                string name = template[(i + 1)..end];
                builder.Append(figures.TryGetValue(name, out FigureValue value) ? value.ToString() : "?");
                i = end;
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The placeholder names of a template; throws FormatException on an unclosed brace.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                if (i + 1 < template.Length && template[i + 1] == '{') { i++; continue; }
                int end = template.IndexOf('}', i + 1);
                if (end < 0) throw new FormatException($"unclosed '{{' in \"{template}\"");
                yield return template[(i + 1)..end];
                i = end;
            }
            else if (template[i] == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { i++; continue; }
                throw new FormatException($"unmatched '}}' in \"{template}\" (write }}}} for a literal brace)");
            }
        }
    }

    /// <summary>Builds a rule from condition texts, validating every figure and placeholder name.</summary>
    public static NoteRule Create(string name, NoteStyle style, IEnumerable<string> all, IEnumerable<string> any,
        IEnumerable<string> items)
    {
        var known = JobFigures.Names;
        var itemList = items.ToList();
        if (itemList.Count == 0) throw new FormatException($"note \"{name}\" has no text");
        foreach (string item in itemList)
            foreach (string placeholder in Placeholders(item))
                if (!known.Contains(placeholder)) throw new FormatException($"unknown figure \"{{{placeholder}}}\" in the text of note \"{name}\"");
        return new NoteRule(name, style, [.. all.Select(c => Condition.Parse(c, known))],
            [.. any.Select(c => Condition.Parse(c, known))], itemList);
    }
}
