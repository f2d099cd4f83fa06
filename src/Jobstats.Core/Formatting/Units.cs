using System.Globalization;

namespace Jobstats.Core.Formatting;

/// <summary>The unit formats of the classic report (binary bytes, D-HH:MM:SS, Slurm ReqMem).</summary>
public static class Units
{
    private static readonly string[] BinaryUnits = ["B", "KB", "MB", "GB", "TB", "PB"];
    private static readonly string[] DecimalUnits = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>Bytes in steps of 1024 with one decimal: 0 → "0.0B", 4e9 → "3.7GB".</summary>
    public static string HumanBytes(double bytes)
    {
        double size = bytes;
        int unit = 0;
        while (unit < BinaryUnits.Length - 1 && size >= 1024.0)
        {
            size /= 1024.0;
            unit++;
        }
        return PythonNumbers.Fixed(size, 1) + BinaryUnits[unit];
    }

    /// <summary>Seconds as HH:MM:SS, or D-HH:MM:SS from one day on; fractions are dropped.</summary>
    public static string HumanSeconds(double seconds)
    {
        long total = (long)Math.Floor(Math.Max(0, seconds));
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        // One string each: a table of 100,000 jobs formats 200,000 of them.
        return hours >= 24
            ? string.Create(CultureInfo.InvariantCulture, $"{hours / 24}-{hours % 24:00}:{minutes:00}:{secs:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{secs:00}");
    }

    /// <summary>
    /// Slurm's ReqMem ("10G", "100.50G", "600M") as the report shows it: "10GB (250MB per CPU-core)". Suffixes
    /// K/M/G/T are decimal; anything else is printed as given, without the per-core part.
    /// </summary>
    public static string CpuMemory(string reqMem, int cores)
    {
        if (reqMem.Length < 2) return reqMem;
        char suffix = reqMem[^1];
        double multiplier = suffix switch { 'K' => 1e3, 'M' => 1e6, 'G' => 1e9, 'T' => 1e12, _ => 0 };
        if (multiplier == 0 ||
            !double.TryParse(reqMem[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            return reqMem;

        string total = reqMem.Replace("000K", "M").Replace("000M", "G").Replace("000G", "T")
            .Replace(".50G", ".5G").Replace(".50T", ".5T") + "B";
        if (cores <= 1) return total;

        double perCore = amount * multiplier / cores;
        int unit = 0;
        while (unit < DecimalUnits.Length - 1 && perCore >= 1000)
        {
            perCore /= 1000;
            unit++;
        }
        string perCoreText = PythonNumbers.Fixed(perCore, 1).Replace(".0", "") + DecimalUnits[unit];
        return $"{total} ({perCoreText} per CPU-core)";
    }

    /// <summary>
    /// A memory request in GB with about 20 % headroom, rounded up to a tidy number: 9 → 11, 26 → 35, 900 → 1100.
    /// </summary>
    public static long RoundedMemoryWithSafety(double gigabytes)
    {
        long m = (long)Math.Ceiling(1.2 * gigabytes);
        if (m > 1000) return RoundUpTo(m, 100, 100);
        if (m > 100) return RoundUpTo(m, 10, 10);
        if (m > 30) return RoundUpTo(m, 10, 5);
        return Math.Max(1, m);
    }

    private static long RoundUpTo(long value, long step, long bumpWhenRoundedDown)
    {
        long rounded = (long)Math.Round(value / (double)step, MidpointRounding.ToEven) * step;
        return rounded < value ? rounded + bumpWhenRoundedDown : rounded;
    }
}
