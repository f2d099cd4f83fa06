namespace Jobstats.Core.Formatting;

/// <summary>The 52-character bar "[|||||     42%]" of the Overall Utilization block.</summary>
internal static class Meter
{
    public const int InnerWidth = 50;

    public static (string Bars, string Spaces, string Text) Parts(long percent)
    {
        string text = percent.ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
        long bars = Math.Clamp(percent / 2, 0, InnerWidth);
        long spaces = InnerWidth - bars - text.Length;
        if (bars + text.Length > InnerWidth)
        {
            bars = InnerWidth - text.Length;
            spaces = 0;
        }
        return (new string('|', (int)bars), new string(' ', (int)spaces), text);
    }

    public static string Draw(long percent)
    {
        var (bars, spaces, text) = Parts(percent);
        return "[" + bars + spaces + text + "]";
    }
}
