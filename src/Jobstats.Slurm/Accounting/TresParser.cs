using System.Globalization;

namespace Jobstats.Slurm.Accounting;

/// <summary>Reads the GPU count out of a TRES string such as <c>cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=64G</c>.</summary>
internal static class TresParser
{
    /// <summary>
    /// The untyped <c>gres/gpu=N</c> when present (Slurm writes it next to the typed entries, so adding both would
    /// count twice); otherwise the sum of the typed <c>gres/gpu:TYPE=N</c> entries.
    /// </summary>
    public static int GpuCount(string tres)
    {
        int? untyped = null;
        int typed = 0;
        foreach (string part in tres.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq < 0) continue;
            string name = part[..eq];
            if (!int.TryParse(part[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int count)) continue;
            if (name == "gres/gpu") untyped = count;
            else if (name.StartsWith("gres/gpu:", StringComparison.Ordinal)) typed += count;
        }
        return untyped ?? typed;
    }

    /// <summary>The memory of a TRES string (<c>mem=64G</c>; a bare number is MiB, as Slurm counts it) in bytes, or null.</summary>
    public static long? MemoryBytes(string tres)
    {
        foreach (string part in tres.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (part.StartsWith("mem=", StringComparison.Ordinal)) return SacctValues.Size(part.AsSpan(4), bareUnit: 1024 * 1024);
        return null;
    }
}
