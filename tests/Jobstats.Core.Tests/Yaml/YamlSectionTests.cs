using Jobstats.Core.Yaml;

namespace Jobstats.Core.Tests.Yaml;

public class YamlSectionTests
{
    private static (YamlSection Section, YamlProblems Problems) Read(string yaml)
    {
        var problems = new YamlProblems("f.yaml");
        var root = YamlText.Load(yaml, problems);
        Assert.Empty(problems.All);
        return (YamlSection.Of(root, "", problems), problems);
    }

    private static IReadOnlyList<string> Lines(YamlProblems problems) => [.. problems.All.Select(p => p.ToString())];

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    public void Booleans_are_the_plain_words_in_any_case(string word, bool expected)
    {
        var (s, problems) = Read($"b: {word}\n");
        Assert.Equal(expected, s.Bool("b", !expected));
        Assert.Empty(problems.All);
    }

    [Theory]
    [InlineData("b: 'true'", "f.yaml:1: 'b' must be true or false without quotes (a quoted value is text), not 'true'")]
    [InlineData("b: \"no\"", "f.yaml:1: 'b' must be true or false without quotes (a quoted value is text), not 'no'")]
    [InlineData("b: 1", "f.yaml:1: 'b' must be true or false, not '1'")]
    [InlineData("b: [true]", "f.yaml:1: 'b' must be true or false, not a list or mapping")]
    public void Anything_else_is_no_boolean_and_keeps_the_default(string yaml, string expected)
    {
        var (s, problems) = Read(yaml);
        Assert.True(s.Bool("b", true));
        Assert.Equal([expected], Lines(problems));
    }

    [Theory]
    [InlineData("v:")]
    [InlineData("v: ~")]
    [InlineData("v: null")]
    [InlineData("v: Null")]
    public void A_null_value_reads_as_not_given(string yaml)
    {
        var (s, problems) = Read(yaml);
        Assert.Equal("default", s.String("v", "default"));
        Assert.True(s.Bool("v", true));
        Assert.Equal(7, s.Int("v", 7, 0, 10));
        Assert.Empty(s.Items("v"));
        Assert.Empty(problems.All);
    }

    [Theory]
    [InlineData("v: ''", "")]
    [InlineData("v: 'null'", "null")]
    [InlineData("v: \"~\"", "~")]
    [InlineData("v: 'true'", "true")]
    public void A_quoted_value_is_text_even_when_it_spells_null_or_a_boolean(string yaml, string text)
    {
        var (s, problems) = Read(yaml);
        Assert.Equal(text, s.String("v", "default"));
        Assert.Empty(problems.All);
    }

    [Fact]
    public void A_quoted_number_is_text_and_refused_where_a_number_is_expected()
    {
        var (s, problems) = Read("port: '9306'\nratio: \"0.5\"\n");
        Assert.Equal(1, s.Int("port", 1, 1, 65535));
        Assert.Equal(1.0, s.Number("ratio", 1.0, 0, 1));
        Assert.Equal(
        [
            "f.yaml:1: 'port' must be a whole number from 1 to 65535 without quotes (a quoted value is text), not '9306'",
            "f.yaml:2: 'ratio' must be a number from 0 to 1 without quotes (a quoted value is text), not '0.5'",
        ], Lines(problems));
    }

    [Fact]
    public void Every_problem_is_collected_and_unknown_keys_list_the_known_ones()
    {
        var (s, problems) = Read("net:\n  port: 0\n  url: ftp://x\n  colour: red\nextra: 1\n");
        var net = s.Section("net");
        Assert.Equal(80, net.Int("port", 80, 1, 65535));
        Assert.Equal("http://d", net.HttpUrl("url", "http://d"));
        net.ReportUnknownKeys();
        s.ReportUnknownKeys();
        Assert.Equal(
        [
            "f.yaml:2: 'net.port' must be a whole number from 1 to 65535, not '0'",
            "f.yaml:3: 'net.url' must be an http(s) URL, not 'ftp://x'",
            "f.yaml:4: unknown key 'net.colour' (known: port, url)",
            "f.yaml:5: unknown key 'extra' (known: net)",
        ], Lines(problems));
    }

    [Fact]
    public void Lists_of_values_name_each_bad_entry()
    {
        var (s, problems) = Read("names: [a, [b], ~, 'c']\nnot_a_list: x\n");
        Assert.Equal(["a", "c"], s.Strings("names").Select(n => n.Text));
        Assert.Empty(s.Items("not_a_list"));
        Assert.Equal(
        [
            "f.yaml:1: 'names': each entry must be a single value",
            "f.yaml:1: 'names': each entry must be a single value",
            "f.yaml:2: 'not_a_list' must be a list",
        ], Lines(problems));
    }

    [Theory]
    [InlineData("url: \"http://a/\\nx: 1\"\n")]
    [InlineData("url: \"http://a/ b\"\n")]
    [InlineData("url: \"http://a/\\tb\"\n")]
    public void A_url_with_whitespace_or_control_characters_is_refused(string yaml)
    {
        var (s, problems) = Read(yaml);
        Assert.Equal("http://d", s.HttpUrl("url", "http://d"));
        Assert.Contains("'url' must be an http(s) URL", Assert.Single(Lines(problems)));
    }
}
