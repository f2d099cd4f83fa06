using System.Diagnostics;
using Jobstats.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Tests.Yaml;

public class YamlTextTests
{
    private static (YamlNode? Root, IReadOnlyList<string> Problems) Load(string yaml)
    {
        var problems = new YamlProblems("f.yaml");
        var root = YamlText.Load(yaml, problems);
        return (root, problems.All.Select(p => p.ToString()).ToList());
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void A_file_without_a_document_has_no_root_and_no_problem(string yaml)
    {
        var (root, problems) = Load(yaml);
        Assert.Null(root);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_at_every_depth()
    {
        var (root, problems) = Load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n'b': 4\n");
        Assert.Null(root);
        Assert.Equal(
            ["f.yaml:4: duplicate key 'c' (first on line 3)", "f.yaml:5: duplicate key 'a' (first on line 1)", "f.yaml:6: duplicate key 'b' (first on line 2)"],
            problems);
    }

    [Fact]
    public void The_same_key_in_sibling_mappings_or_as_a_value_is_no_duplicate()
    {
        var (root, problems) = Load("x: {a: a}\ny: {a: x}\nlist: [{a: 1}, {a: 2}]\n");
        Assert.NotNull(root);
        Assert.Empty(problems);
    }

    // Nine levels of ten aliases each name 10^9 leaves; refused from the parser's events, before any walk or hash.
    [Fact]
    public void An_alias_bomb_is_refused_at_once_with_the_lines()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (int i = 1; i < 10; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        lines.Add("bomb: [*a9, *a9]");
        var clock = Stopwatch.StartNew();
        var (root, problems) = Load(string.Join("\n", lines));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Null(root);
        Assert.All(problems, p => Assert.EndsWith(": anchors and aliases are not supported", p));
        Assert.Equal(Enumerable.Range(1, 11).Select(n => $"f.yaml:{n}:"), problems.Select(p => p[..(p.IndexOf(':', 7) + 1)]).Distinct());
        Assert.Equal("f.yaml:1: anchor '&a0': anchors and aliases are not supported", problems[0]);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_problem_not_a_stack_overflow()
    {
        int depth = 100_000;
        var (root, problems) = Load(new string('[', depth) + new string(']', depth));
        Assert.Null(root);
        Assert.Equal([$"f.yaml:1: nested deeper than {YamlText.MaxDepth} levels"], problems);
    }

    [Fact]
    public void A_second_document_is_a_problem()
    {
        var (_, problems) = Load("a: 1\n---\na: 2\n");
        Assert.Equal(["f.yaml:2: a second YAML document ('---'): the file must hold one"], problems);
    }

    [Fact]
    public void Invalid_yaml_names_its_line()
    {
        var (_, problems) = Load("a: 1\nb: [unclosed\n");
        Assert.StartsWith("f.yaml:3: not valid YAML: ", Assert.Single(problems));
    }
}
