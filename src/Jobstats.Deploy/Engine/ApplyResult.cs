namespace Jobstats.Deploy.Engine;

public sealed record HostApplyResult(string Host, int Changed, int Unchanged, string? Error, string? LogFile)
{
    public bool Succeeded => Error is null;
}
