namespace Jobstats.Exporter.Gpu;

/// <summary>
/// GPM metrics are rates between two samples, so each device's sample from the previous scrape is kept (keyed by
/// UUID) and the next scrape computes against it. The first scrape after start has no value yet. Samples of
/// devices that were not seen in a scrape are freed.
/// </summary>
internal sealed class GpmSampler(NvmlLibrary nvml) : IDisposable
{
    private readonly Lock _gate = new();
    private Dictionary<string, nint> _previous = new(StringComparer.Ordinal);
    private Dictionary<string, nint> _current = new(StringComparer.Ordinal);

    /// <summary>Graphics utilisation as a fraction 0-1 since the previous scrape, or null (no support or first sample).</summary>
    public double? GraphicsUtil(string uuid, nint parentDevice, uint? gpuInstanceId)
    {
        lock (_gate)
        {
            if (_current.ContainsKey(uuid)) return null; // already sampled in this scrape
            if (!nvml.GpmSupported(parentDevice) || nvml.GpmSampleAlloc(out var sample) != NvmlReturn.Success) return null;
            if (nvml.GpmSampleGet(parentDevice, gpuInstanceId, sample) != NvmlReturn.Success)
            {
                nvml.GpmSampleFree(sample);
                return null;
            }
            _current[uuid] = sample;
            if (!_previous.Remove(uuid, out var earlier)) return null;
            var result = nvml.GpmMetric(earlier, sample, NvmlGpm.GraphicsUtil, out var percent);
            nvml.GpmSampleFree(earlier);
            return result == NvmlReturn.Success ? percent / 100 : null;
        }
    }

    /// <summary>Ends a scrape: samples taken now become the baseline, those of vanished devices are freed.</summary>
    public void EndScrape()
    {
        lock (_gate)
        {
            foreach (var stale in _previous.Values) nvml.GpmSampleFree(stale);
            _previous.Clear();
            (_previous, _current) = (_current, _previous);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var sample in _previous.Values.Concat(_current.Values)) nvml.GpmSampleFree(sample);
            _previous.Clear();
            _current.Clear();
        }
    }
}
