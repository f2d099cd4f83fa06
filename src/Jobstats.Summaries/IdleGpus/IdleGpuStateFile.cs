using System.Text.Json;
using System.Text.Json.Serialization;
using Jobstats.Core.Guard;
using Jobstats.Summaries.Queue;

namespace Jobstats.Summaries.IdleGpus;

internal sealed record IdleGpuStateDocument(Dictionary<string, IdleGpuJobState> Jobs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(IdleGpuStateDocument))]
internal sealed partial class IdleGpuStateContext : JsonSerializerContext;

/// <summary>
/// Which running jobs were warned and cancelled, as JSON keyed by "cluster/jobid". Written atomically and durably (a
/// crash leaves the old state or the new one, never half), so a job is warned once and cancelled once even when a run
/// dies midway; a run holds an exclusive lock beside it, so two runs never act on the same job.
/// </summary>
internal sealed class IdleGpuStateFile(string path) : IDisposable
{
    private FileStream? _lock;

    /// <summary>Takes the lock; false when another run holds it.</summary>
    public bool TryLock()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            _lock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException) { return false; }
    }

    /// <summary>The state; empty when there is none yet. A damaged file is an error: guessing could warn twice.</summary>
    public Dictionary<string, IdleGpuJobState> Read()
    {
        if (!File.Exists(path)) return new Dictionary<string, IdleGpuJobState>(StringComparer.Ordinal);
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllText(path), IdleGpuStateContext.Default.IdleGpuStateDocument);
            return new Dictionary<string, IdleGpuJobState>(document?.Jobs ?? [], StringComparer.Ordinal);
        }
        catch (JsonException e) { throw new IOException($"the state file {path} cannot be read ({e.Message}); move it aside to start afresh", e); }
    }

    public void Write(IReadOnlyDictionary<string, IdleGpuJobState> state)
    {
        var document = new IdleGpuStateDocument(new Dictionary<string, IdleGpuJobState>(state.OrderBy(kv => kv.Key, StringComparer.Ordinal)));
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(document, IdleGpuStateContext.Default.IdleGpuStateDocument);
        DurableFiles.Write(path, bytes, Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _lock?.Dispose();
}
