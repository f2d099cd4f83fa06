using System.Diagnostics.CodeAnalysis;
using Jobstats.Exporter.Cgroups;
using Jobstats.Exporter.Logging;

namespace Jobstats.Exporter.Gpu;

/// <summary>
/// Finds the job that owns a device through the files the Slurm prolog writes. Lookup order (that of the
/// upstream exporter): <c>DIR/&lt;uuid&gt;</c>; else for a MIG instance <c>DIR/&lt;ordinal&gt;.&lt;GPU_I_ID&gt;</c>,
/// for a full GPU <c>DIR/&lt;ordinal&gt;</c>; else no job.
/// </summary>
internal sealed class GpuOwnership(string directory, Log log)
{
    public GpuOwner? Find(string uuid, uint ordinal, uint? gpuInstanceId)
    {
        if (IsSafeFileName(uuid) && TryRead(Path.Combine(directory, uuid), out var byUuid)) return byUuid;
        var byIndexName = gpuInstanceId is { } gi ? $"{ordinal}.{gi}" : $"{ordinal}";
        return TryRead(Path.Combine(directory, byIndexName), out var byIndex) ? byIndex : null;
    }

    /// <summary>Parses "&lt;jobid&gt; &lt;uid&gt;" with an optional newline; anything else is rejected (null).</summary>
    public static GpuOwner? Parse(string content)
    {
        var text = content.EndsWith('\n') ? content[..^1] : content;
        var parts = text.Split(' ');
        if (parts.Length != 2) return null;
        var jobOk = parts[0].Length is > 0 and <= 20 && (parts[0].All(char.IsAsciiDigit) || SlurmCgroupNames.IsSluid(parts[0]));
        var uidOk = parts[1].Length is > 0 and <= 10 && parts[1].All(char.IsAsciiDigit);
        return jobOk && uidOk ? new GpuOwner(parts[0], parts[1]) : null;
    }

    private bool TryRead(string path, [NotNullWhen(true)] out GpuOwner? owner)
    {
        owner = null;
        string? content;
        try
        {
            content = CgroupFileReader.ReadOptional(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            log.Warn($"cannot read GPU ownership file {path}: {e.Message}");
            return false;
        }
        if (content is null) return false;
        owner = Parse(content);
        if (owner is null) log.Warn($"ignoring malformed GPU ownership file {path} (expected '<jobid> <uid>')");
        return owner is not null;
    }

    private static bool IsSafeFileName(string name) =>
        name.Length is > 0 and < 100 && !name.Contains('/') && name is not "." and not "..";
}
