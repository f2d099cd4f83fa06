namespace Jobstats.Deploy.Targets;

/// <summary>POSIX shell single-quoting, for the one place a shell string is unavoidable: ssh's remote command line.</summary>
internal static class ShellQuote
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    public static string Join(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));
}
