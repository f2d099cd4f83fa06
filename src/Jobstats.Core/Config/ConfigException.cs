namespace Jobstats.Core.Config;

/// <summary>A configuration error, located as file:line.</summary>
public sealed class ConfigException(string file, long line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
