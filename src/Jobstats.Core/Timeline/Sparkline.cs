using System.Text;

namespace Jobstats.Core.Timeline;

/// <summary>
/// One row of a timeline: each value a character whose height shows it between a floor and a ceiling. A missing
/// value (no sample at that time) is a space, so a gap in the data stays visible instead of reading as zero.
/// </summary>
public static class Sparkline
{
    public const string UnicodeLevels = "▁▂▃▄▅▆▇█";
    // Eight steps of ink for a pipe or a terminal without Unicode; '_' keeps zero visible, unlike a space.
    public const string AsciiLevels = "_.-:=+*#";

    /// <summary>The level (0..7) of <paramref name="value"/> between floor and ceiling, clamped.</summary>
    public static int Level(double value, double floor, double ceiling)
    {
        if (!(ceiling > floor)) return value > floor ? 7 : 0;
        double fraction = (value - floor) / (ceiling - floor);
        if (double.IsNaN(fraction) || fraction <= 0) return 0;
        return (int)Math.Min(7, Math.Floor(fraction * 8));
    }

    public static string Draw(IReadOnlyList<double?> values, double floor, double ceiling, bool unicode)
    {
        string levels = unicode ? UnicodeLevels : AsciiLevels;
        var text = new StringBuilder(values.Count);
        foreach (double? value in values)
            text.Append(value is { } v && double.IsFinite(v) ? levels[Level(v, floor, ceiling)] : ' ');
        return text.ToString();
    }
}
