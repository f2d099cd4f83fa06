using System.Globalization;

namespace Jobstats.Hosting;

/// <summary>
/// "Now" in epoch seconds. JOBSTATS_NOW (epoch seconds) pins it, which makes reports of running jobs reproducible
/// (tests, documentation examples).
/// </summary>
public static class Clock
{
    public static long Now()
    {
        string? pinned = Environment.GetEnvironmentVariable("JOBSTATS_NOW");
        if (pinned is { Length: > 0 } && long.TryParse(pinned, NumberStyles.None, CultureInfo.InvariantCulture, out long now)) return now;
        return DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }
}
