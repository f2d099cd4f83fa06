using System.Globalization;

namespace Jobstats.Slurm.Accounting;

/// <summary>Parsers for sacct's duration and size texts (TotalCPU, MaxRSS, the mem entry of AllocTRES).</summary>
public static class SacctValues
{
    /// <summary>
    /// TotalCPU's <c>[D-][HH:]MM:SS[.mmm]</c> in seconds: "12:34.567", "01:02:03", "1-02:03:04". Null when empty or
    /// not of that shape.
    /// </summary>
    public static double? Duration(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return null;
        long days = 0;
        int dash = text.IndexOf('-');
        if (dash >= 0)
        {
            if (!long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days)) return null;
            text = text[(dash + 1)..];
        }
        double total = 0;
        int parts = 0;
        while (true)
        {
            int colon = text.IndexOf(':');
            ReadOnlySpan<char> part = colon < 0 ? text : text[..colon];
            parts++;
            if (colon < 0)
            {
                if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)) return null;
                total = total * 60 + seconds;
                break;
            }
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long whole)) return null;
            total = total * 60 + whole;
            text = text[(colon + 1)..];
        }
        if (parts is < 2 or > 3) return null;
        return days * 86400 + total;
    }

    /// <summary>
    /// A size with sacct's binary suffix (K, M, G, T, P; "1536K", "1.50G") in bytes; a bare number counts in
    /// <paramref name="bareUnit"/> bytes. Null when empty or not a size.
    /// </summary>
    public static long? Size(ReadOnlySpan<char> text, long bareUnit = 1)
    {
        text = text.Trim();
        if (text.IsEmpty) return null;
        double multiplier = text[^1] switch
        {
            'K' or 'k' => 1024d, 'M' or 'm' => 1024d * 1024, 'G' or 'g' => 1024d * 1024 * 1024,
            'T' or 't' => 1024d * 1024 * 1024 * 1024, 'P' or 'p' => 1024d * 1024 * 1024 * 1024 * 1024, _ => 0,
        };
        if (multiplier != 0) text = text[..^1];
        else multiplier = bareUnit;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)) return null;
        double bytes = value * multiplier;
        return bytes is >= 0 and < 9.2e18 ? (long)bytes : null;
    }
}
