namespace Jobstats.Hosting;

/// <summary>What a program may print on this stdout, decided the same way by every jobstats program.</summary>
public static class Terminal
{
    /// <summary>Colour only when stdout is a terminal that can show it and nobody asked for plain text.</summary>
    public static bool ColorWanted(bool noColorFlag) =>
        !noColorFlag && !Console.IsOutputRedirected &&
        Environment.GetEnvironmentVariable("NO_COLOR") is null or "" &&
        Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");
}
