using Jobstats.Core.Yaml;

namespace Jobstats.Core.Config;

/// <summary>
/// A configuration that cannot be used. <see cref="Problems"/> holds every problem found, each located as
/// file:line; the message lists them one a line, the first one first, so its first line reads as before
/// (<c>file:line: problem</c>) and <see cref="File"/>, <see cref="Line"/> and <see cref="Problem"/> name the first.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, long line, string problem) : this([new YamlProblem(file, line, problem)]) { }

    public ConfigException(IReadOnlyList<YamlProblem> problems) : base(string.Join(Environment.NewLine, problems))
    {
        if (problems.Count == 0) throw new ArgumentException("a config error needs at least one problem", nameof(problems));
        Problems = problems;
    }

    public IReadOnlyList<YamlProblem> Problems { get; }
    public string File => Problems[0].File;
    public long Line => Problems[0].Line;
    public string Problem => Problems[0].Problem;
}
