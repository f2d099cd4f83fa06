using System.Globalization;

namespace Jobstats.Integration.Tests.Lab;

/// <summary>Reads the sizes sacct prints (MaxRSS "204800K", "1.50G", plain bytes).</summary>
public static class SlurmSizes
{
    public static long ParseBytes(string text)
    {
        var value = text.Trim();
        if (value.Length == 0)
            throw new FormatException("empty size");
        var multiplier = char.ToUpperInvariant(value[^1]) switch
        {
            'K' => 1024L,
            'M' => 1024L * 1024,
            'G' => 1024L * 1024 * 1024,
            'T' => 1024L * 1024 * 1024 * 1024,
            _ => 1L,
        };
        var number = multiplier == 1 ? value : value[..^1];
        return (long)(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture) * multiplier);
    }
}
