namespace Jobstats.Core.Yaml;

/// <summary>One problem in a YAML file, shown as <c>file:line: problem</c>.</summary>
public sealed record YamlProblem(string File, long Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
