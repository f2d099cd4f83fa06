using System.Globalization;
using Jobstats.Exporter.Collectors;
using Jobstats.Exporter.Logging;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Exporter.Gpu;

/// <summary>
/// Per-GPU and per-MIG-instance metrics from NVML. NVML is opened on the first scrape; if it cannot be, the
/// collector says so once in the log and from then on only exports its disabled gauge.
/// </summary>
internal sealed class GpuCollector(string nvmlLibraryPath, string gpustatDir, Log log) : ICollector, IDisposable
{
    private readonly GpuOwnership _ownership = new(gpustatDir, log);
    private readonly Lock _gate = new();
    private NvmlLibrary? _nvml;
    private GpmSampler? _gpm;
    private string? _disabledReason;

    public IEnumerable<MetricFamily> Describe() => GpuMetrics.All;

    public void Update(ScrapeBuffer buffer)
    {
        // Scrapes of the GPUs are serialised: NVML is opened once, and GPM compares each scrape with the one before.
        lock (_gate)
        {
            UpdateLocked(buffer);
        }
    }

    private void UpdateLocked(ScrapeBuffer buffer)
    {
        if (_nvml is null && _disabledReason is null)
        {
            _nvml = NvmlLibrary.TryOpen(nvmlLibraryPath, out var failure);
            if (_nvml is null)
            {
                _disabledReason = failure;
                log.Warn($"GPU collector disabled: {failure}");
            }
            else
            {
                _nvml.DriverVersion(out var driver);
                _gpm = new GpmSampler(_nvml);
                log.Info($"GPU collector enabled: NVML from {nvmlLibraryPath}, driver {driver}");
            }
        }
        var nvml = _nvml;
        if (nvml is null)
        {
            buffer.Add(GpuMetrics.CollectorEnabled, 0, _disabledReason ?? "");
            return;
        }
        buffer.Add(GpuMetrics.CollectorEnabled, 1, "");
        try
        {
            Check(nvml, nvml.DeviceCount(out var count), "nvmlDeviceGetCount_v2");
            buffer.Add(GpuMetrics.NumDevices, count);
            for (uint index = 0; index < count; index++)
            {
                var failure = CollectDevice(nvml, index, buffer);
                if (failure is not null) buffer.Add(GpuMetrics.DeviceError, 1, Text(index), failure);
            }
        }
        finally
        {
            _gpm?.EndScrape();
        }
    }

    /// <summary>Returns null, or the NVML error that stopped this device (the scrape goes on with the others).</summary>
    private string? CollectDevice(NvmlLibrary nvml, uint index, ScrapeBuffer buffer)
    {
        var result = nvml.DeviceByIndex(index, out var device);
        if (result == NvmlReturn.Success) result = nvml.Uuid(device, out _);
        if (result != NvmlReturn.Success)
        {
            log.Warn($"GPU {index}: {nvml.ErrorString(result)}");
            return nvml.ErrorString(result);
        }
        nvml.Uuid(device, out var uuid);
        var name = nvml.Name(device, out var n) == NvmlReturn.Success ? n : "";
        var minor = nvml.MinorNumber(device, out var m) == NvmlReturn.Success ? Text(m) : "";

        var migEnabled = nvml.MigMode(device, out var current, out _) == NvmlReturn.Success && current == 1;
        if (!migEnabled)
        {
            EmitDevice(nvml, device, device, buffer, Text(index), minor, uuid, name, gpuInstanceId: null, ordinal: index);
            return null;
        }
        if (nvml.MaxMigDeviceCount(device, out var max) != NvmlReturn.Success) return null;
        for (uint slot = 0; slot < max; slot++)
        {
            if (nvml.MigDeviceByIndex(device, slot, out var mig) != NvmlReturn.Success) continue; // empty slot: NOT_FOUND
            if (nvml.GpuInstanceId(mig, out var gi) != NvmlReturn.Success) continue;
            if (nvml.Uuid(mig, out var migUuid) != NvmlReturn.Success) continue;
            var migName = nvml.Name(mig, out var mn) == NvmlReturn.Success ? mn : name;
            EmitDevice(nvml, mig, device, buffer, Text(index), minor, migUuid, migName, gi, index);
        }
        return null;
    }

    private void EmitDevice(NvmlLibrary nvml, nint device, nint parent, ScrapeBuffer buffer, string ordinalText, string minor, string uuid,
        string name, uint? gpuInstanceId, uint ordinal)
    {
        var owner = _ownership.Find(uuid, ordinal, gpuInstanceId);
        string[] labels = [ordinalText, minor, uuid, name, gpuInstanceId is { } gi ? Text(gi) : "", owner?.JobId ?? "", owner?.Uid ?? ""];
        if (nvml.Memory(device, out var memory) == NvmlReturn.Success)
        {
            buffer.Add(GpuMetrics.MemoryUsed, memory.Used, labels);
            buffer.Add(GpuMetrics.MemoryTotal, memory.Total, labels);
        }
        if (nvml.Utilization(device, out var utilization) == NvmlReturn.Success) buffer.Add(GpuMetrics.DutyCycle, utilization.Gpu, labels);
        if (nvml.PowerMilliwatts(device, out var power) == NvmlReturn.Success) buffer.Add(GpuMetrics.Power, power, labels);
        if (nvml.TemperatureCelsius(device, out var temperature) == NvmlReturn.Success) buffer.Add(GpuMetrics.Temperature, temperature, labels);
        if (_gpm?.GraphicsUtil(uuid, parent, gpuInstanceId) is { } graphics) buffer.Add(GpuMetrics.GraphicsUtil, graphics, labels);
        if (owner is not null && double.TryParse(owner.JobId, CultureInfo.InvariantCulture, out var jobId))
        {
            buffer.Add(GpuMetrics.JobId, jobId, labels);
            buffer.Add(GpuMetrics.JobUid, double.Parse(owner.Uid, CultureInfo.InvariantCulture), labels);
        }
    }

    private static void Check(NvmlLibrary nvml, NvmlReturn result, string call)
    {
        if (result != NvmlReturn.Success) throw new InvalidOperationException($"{call}: {nvml.ErrorString(result)}");
    }

    private static string Text(uint value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        lock (_gate)
        {
            _gpm?.Dispose();
            _gpm = null;
            _nvml?.Dispose();
            _nvml = null;
        }
    }
}
