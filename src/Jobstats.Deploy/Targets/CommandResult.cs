namespace Jobstats.Deploy.Targets;

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
    public string Describe() => $"exit {ExitCode}: {(Stderr.Trim().Length > 0 ? Stderr.Trim() : Stdout.Trim())}";
}
