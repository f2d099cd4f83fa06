namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>An exclude list (or a file of lists) that cannot be read; the message names the source and line.</summary>
public sealed class ExcludeListFormatException(string source, int lineNumber, string problem)
    : Exception($"{source}:{lineNumber}: {problem}")
{
    public string ListSource { get; } = source;
    public int LineNumber { get; } = lineNumber;
    public string Problem { get; } = problem;
}
