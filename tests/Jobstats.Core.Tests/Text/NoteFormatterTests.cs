using Jobstats.Core.Text;

namespace Jobstats.Core.Tests.Text;

public class NoteFormatterTests
{
    [Fact]
    public void Simple_note() => Assert.Equal("  * A simple note.\n\n", NoteFormatter.Format(["A simple note."]));

    [Fact]
    public void Note_with_a_link_puts_it_on_its_own_line() =>
        Assert.Equal("  * A simple note:\n      https://mysite.ext\n\n", NoteFormatter.Format(["A simple note:", "https://mysite.ext"]));

    [Fact]
    public void Long_note_wraps_at_78_with_a_hanging_indent()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 30));
        string note = NoteFormatter.Format([text]);
        var lines = note.TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 78));
        Assert.StartsWith("  * word", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("    word", l));
        Assert.Equal(30, note.Split("word").Length - 1);
    }

    [Fact]
    public void Sbatch_and_shell_lines_are_verbatim()
    {
        Assert.Equal("  * Try:\n      #SBATCH --mem=7G\n\n", NoteFormatter.Format(["Try:", "#SBATCH --mem=7G"]));
        Assert.Equal("  * Run:\n      $ sacct -j 1\n\n", NoteFormatter.Format(["Run:", "$ sacct -j 1"]));
    }

    [Fact]
    public void A_later_text_item_starts_its_own_indented_line() =>
        Assert.Equal("  * First.\n    Second.\n\n", NoteFormatter.Format(["First.", "Second."]));
}
