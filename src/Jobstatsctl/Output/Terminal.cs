namespace Jobstatsctl.Output;

/// <summary>Progress and colour only when a person is watching; plain lines when piped.</summary>
internal static class Terminal
{
    public static bool Interactive => !Console.IsErrorRedirected && !Console.IsOutputRedirected
                                      && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
