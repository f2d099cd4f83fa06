using Jobstats.Core.Text;

namespace Jobstats.Core.Tests.Text;

public class TextWrapperTests
{
    [Fact]
    public void Wraps_greedily_at_the_width()
    {
        var wrapper = new TextWrapper { Width = 20 };
        // Expected lines as Python's textwrap.wrap(text, 20) gives them.
        Assert.Equal(["The quick brown fox", "jumps over the lazy", "dog."], wrapper.Wrap("The quick brown fox jumps over the lazy dog."));
    }

    [Fact]
    public void Indents_first_and_later_lines()
    {
        var wrapper = new TextWrapper { Width = 16, InitialIndent = "  * ", SubsequentIndent = "    " };
        Assert.Equal(["  * alpha beta", "    gamma delta", "    epsilon"], wrapper.Wrap("alpha beta gamma delta epsilon"));
    }

    [Fact]
    public void Breaks_words_longer_than_the_line()
    {
        var wrapper = new TextWrapper { Width = 10 };
        Assert.Equal(["abcdefghij", "klmno"], wrapper.Wrap("abcdefghijklmno"));
    }

    [Fact]
    public void Does_not_break_on_hyphens_and_collapses_newlines()
    {
        var wrapper = new TextWrapper { Width = 12 };
        Assert.Equal(["a well-known", "fact"], wrapper.Wrap("a well-known\nfact"));
    }

    [Fact]
    public void Empty_text_gives_no_lines() => Assert.Empty(new TextWrapper { Width = 10 }.Wrap("   "));
}
