namespace Jobstats.Exporter.Gpu;

/// <summary>
/// Remembers the last failed NVML query of one device in a scrape, for nvidia_gpu_last_error. NOT_SUPPORTED is not a
/// failure: that query's family is simply absent for the device.
/// </summary>
internal sealed class QueryErrors
{
    public NvmlReturn? Last { get; private set; }

    /// <summary>True when the query succeeded; remembers any failure other than NOT_SUPPORTED.</summary>
    public bool Ok(NvmlReturn result)
    {
        if (result == NvmlReturn.Success) return true;
        if (result != NvmlReturn.NotSupported) Last = result;
        return false;
    }
}
