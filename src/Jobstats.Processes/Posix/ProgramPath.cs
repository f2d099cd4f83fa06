namespace Jobstats.Processes.Posix;

/// <summary>Finds the program to run the way execvp does: a name with a slash as it is, any other through PATH.</summary>
/// <remarks>
/// Unlike .NET's Process, neither the current directory nor the program's own is searched first: a "sacct" lying in
/// the directory a user runs jobstats from is not what jobstats should run.
/// </remarks>
internal static class ProgramPath
{
    /// <summary>ENOENT: what a name found nowhere is reported as.</summary>
    public const int NotFound = 2;

    public static string? Resolve(string name)
    {
        if (name.Contains('/')) return name;
        if (name.Length == 0) return null;
        string searchPath = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (string directory in searchPath.Split(':'))
        {
            string candidate = Path.Combine(directory.Length == 0 ? "." : directory, name);
            if (File.Exists(candidate) && Libc.Access(candidate, Libc.XOk) == 0) return candidate;
        }
        return null;
    }
}
