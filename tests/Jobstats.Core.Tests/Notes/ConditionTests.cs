using Jobstats.Core.Notes;

namespace Jobstats.Core.Tests.Notes;

public class ConditionTests
{
    private static readonly Dictionary<string, FigureValue> Figures = new()
    {
        ["cpu_efficiency"] = FigureValue.Of(42.5),
        ["cpu_util_red"] = FigureValue.Of(65),
        ["state"] = FigureValue.Of("TIMEOUT"),
        ["qos"] = FigureValue.Of("gpu-debug"),
        ["gpus"] = FigureValue.Of(0),
    };

    [Theory]
    [InlineData("cpu_efficiency < cpu_util_red", true)]
    [InlineData("cpu_efficiency >= 42.5", true)]
    [InlineData("cpu_efficiency > 42.5", false)]
    [InlineData("state == 'TIMEOUT'", true)]
    [InlineData("state != \"TIMEOUT\"", false)]
    [InlineData("qos contains 'DEBUG'", true)]
    [InlineData("qos not_contains 'test'", true)]
    [InlineData("qos starts_with 'gpu'", true)]
    [InlineData("gpus == 0", true)]
    [InlineData("state < 5", false)]
    // A figure the job does not have (no GPUs: no gpu_utilization) makes the test false, never an error.
    [InlineData("gpu_utilization < 100", false)]
    public void Evaluates(string text, bool expected) =>
        Assert.Equal(expected, Condition.Parse(text, JobFigures.Names).Holds(Figures));

    [Fact]
    public void Templates_fill_named_figures_and_keep_escaped_braces() =>
        Assert.Equal("42.5% in {braces} under TIMEOUT",
            NoteRule.Fill("{cpu_efficiency}% in {{braces}} under {state}", Figures));

    [Fact]
    public void Whole_numbers_print_without_decimals()
    {
        Assert.Equal("65", FigureValue.Of(65.0).ToString());
        Assert.Equal("0.2", FigureValue.Of(0.25).ToString());
    }

    [Fact]
    public void Unbalanced_braces_are_rejected() =>
        Assert.Throws<FormatException>(() => NoteRule.Create("x", NoteStyle.Normal, [], [], ["oops {state"]));

    [Fact]
    public void Every_default_rule_only_uses_known_figures() =>
        Assert.All(DefaultNoteRules.All, r => Assert.All(r.Items.SelectMany(NoteRule.Placeholders), p => Assert.Contains(p, JobFigures.Names)));
}
