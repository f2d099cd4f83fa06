namespace Jobstats.Core.Text;

/// <summary>
/// Lays out one note: "  * " bullet, wrapped at 78 columns with a 4-space hanging indent; links and commands go on
/// their own line indented by 6 spaces.
/// </summary>
internal static class NoteFormatter
{
    public const int Width = 78;

    public static bool IsVerbatim(string item) =>
        item.StartsWith("http", StringComparison.Ordinal) || item.StartsWith("ftp", StringComparison.Ordinal) ||
        item.StartsWith("$ ", StringComparison.Ordinal) || item.StartsWith("#SBATCH", StringComparison.Ordinal);

    /// <summary>The note's text, without styling, followed by its trailing blank line(s).</summary>
    public static string Format(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return "";
        string note = "";
        for (int i = 0; i < items.Count; i++)
        {
            string item = items[i];
            if (i == 0) note = new TextWrapper { Width = Width, InitialIndent = "  * ", SubsequentIndent = "    " }.Fill(item);
            else if (IsVerbatim(item)) note += "\n      " + item + "\n";
            else if (item == "\n") note += item;
            else note += (note.EndsWith('\n') ? "" : "\n") + new TextWrapper { Width = Width, InitialIndent = "    ", SubsequentIndent = "    " }.Fill(item);
        }
        return note + (IsVerbatim(items[^1]) ? "\n" : "\n\n");
    }
}
