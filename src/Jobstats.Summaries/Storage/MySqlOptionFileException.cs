namespace Jobstats.Summaries.Storage;

/// <summary>
/// The option file could not be used; <see cref="Problems"/> holds every error found, one line each with file:line,
/// never a value read from the file (a misplaced password must not end up in a log).
/// </summary>
public sealed class MySqlOptionFileException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
