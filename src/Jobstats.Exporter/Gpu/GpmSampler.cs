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

    /// <summary>
    /// Samples a GPU (or with <paramref name="gpuInstanceId"/> one MIG instance of <paramref name="parentDevice"/>) and
    /// computes <paramref name="metricIds"/> against its sample from the previous scrape. <paramref name="values"/>
    /// gets a value for each metric NVML computed and null for the others (not supported, or no earlier sample).
    /// Returns Success, NotSupported when the device has no GPM, or the last NVML error met.
    /// </summary>
    public NvmlReturn Read(string uuid, nint parentDevice, uint? gpuInstanceId, ReadOnlySpan<uint> metricIds, Span<double?> values)
    {
        values.Clear();
        lock (_gate)
        {
            if (_current.ContainsKey(uuid)) return NvmlReturn.Success; // already sampled in this scrape
            if (!nvml.GpmSupported(parentDevice)) return NvmlReturn.NotSupported;
            var result = nvml.GpmSampleAlloc(out var sample);
            if (result != NvmlReturn.Success) return result;
            result = nvml.GpmSampleGet(parentDevice, gpuInstanceId, sample);
            if (result != NvmlReturn.Success)
            {
                nvml.GpmSampleFree(sample);
                return result;
            }
            _current[uuid] = sample;
            if (!_previous.Remove(uuid, out var earlier)) return NvmlReturn.Success;
            Span<double> computed = stackalloc double[metricIds.Length];
            Span<NvmlReturn> results = stackalloc NvmlReturn[metricIds.Length];
            result = nvml.GpmMetrics(earlier, sample, metricIds, computed, results);
            nvml.GpmSampleFree(earlier);
            for (var i = 0; i < metricIds.Length; i++)
            {
                if (results[i] == NvmlReturn.Success) values[i] = computed[i];
                else if (results[i] != NvmlReturn.NotSupported) result = results[i];
            }
            return result;
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
