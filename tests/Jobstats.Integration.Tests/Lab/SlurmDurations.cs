using System.Globalization;

namespace Jobstats.Integration.Tests.Lab;

/// <summary>Reads sacct's CPU times: "MM:SS.mmm", "HH:MM:SS", "D-HH:MM:SS".</summary>
public static class SlurmDurations
{
    public static double ParseSeconds(string text)
    {
        var value = text.Trim();
        var days = 0;
        var dash = value.IndexOf('-');
        if (dash >= 0)
        {
            days = int.Parse(value[..dash], CultureInfo.InvariantCulture);
            value = value[(dash + 1)..];
        }
        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3)
            throw new FormatException($"not a Slurm duration: '{text}'");
        var seconds = 0.0;
        foreach (var part in parts)
            seconds = seconds * 60 + double.Parse(part, NumberStyles.Float, CultureInfo.InvariantCulture);
        return days * 86400 + seconds;
    }
}
