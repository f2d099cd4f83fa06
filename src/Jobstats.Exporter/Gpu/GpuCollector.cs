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

    private static readonly (NvmlClockType Type, string Label)[] ClockTypes =
        [(NvmlClockType.Graphics, "graphics"), (NvmlClockType.Sm, "sm"), (NvmlClockType.Memory, "mem"), (NvmlClockType.Video, "video")];

    private static readonly (NvmlMemoryErrorType Type, string Label)[] EccErrorTypes =
        [(NvmlMemoryErrorType.Corrected, "corrected"), (NvmlMemoryErrorType.Uncorrected, "uncorrected")];

    private static readonly (NvmlEccCounterType Type, string Label)[] EccCounterTypes =
        [(NvmlEccCounterType.Volatile, "volatile"), (NvmlEccCounterType.Aggregate, "aggregate")];

    private static readonly uint[] GpmMetricIds = [.. GpuMetrics.Gpm.Select(g => g.MetricId)];

    /// <summary>Returns null, or the NVML error that stopped this device (the scrape goes on with the others).</summary>
    private string? CollectDevice(NvmlLibrary nvml, uint index, ScrapeBuffer buffer)
    {
        var result = nvml.DeviceByIndex(index, out var device);
        if (result == NvmlReturn.Success) result = nvml.Uuid(device, out _);
        if (result != NvmlReturn.Success)
        {
            log.Warn($"GPU {index}: {nvml.ErrorString(result)}");
            buffer.Add(GpuMetrics.LastError, (int)result, Text(index), "", "", "", "");
            return nvml.ErrorString(result);
        }
        // Failures of queries of the physical GPU (rather than of one of its MIG instances) end up on its last_error.
        var errors = new QueryErrors();
        nvml.Uuid(device, out var uuid);
        var name = errors.Ok(nvml.Name(device, out var n)) ? n : "";
        var minor = errors.Ok(nvml.MinorNumber(device, out var m)) ? Text(m) : "";
        EmitEcc(nvml, device, buffer, errors, [Text(index), minor, uuid, name]);

        var migEnabled = errors.Ok(nvml.MigMode(device, out var current, out _)) && current == 1;
        if (!migEnabled)
        {
            EmitDevice(nvml, device, device, buffer, errors, Text(index), minor, uuid, name, gpuInstanceId: null, ordinal: index);
        }
        else if (errors.Ok(nvml.MaxMigDeviceCount(device, out var max)))
        {
            for (uint slot = 0; slot < max; slot++)
            {
                var found = nvml.MigDeviceByIndex(device, slot, out var mig);
                if (found == NvmlReturn.NotFound || !errors.Ok(found)) continue; // NOT_FOUND: an empty slot
                if (!errors.Ok(nvml.GpuInstanceId(mig, out var gi))) continue;
                if (!errors.Ok(nvml.Uuid(mig, out var migUuid))) continue;
                var migErrors = new QueryErrors();
                var migName = migErrors.Ok(nvml.Name(mig, out var mn)) ? mn : name;
                EmitDevice(nvml, mig, device, buffer, migErrors, Text(index), minor, migUuid, migName, gi, index);
                if (migErrors.Last is { } migCode) buffer.Add(GpuMetrics.LastError, (int)migCode, Text(index), minor, migUuid, migName, Text(gi));
            }
        }
        if (errors.Last is { } code) buffer.Add(GpuMetrics.LastError, (int)code, Text(index), minor, uuid, name, "");
        return null;
    }

    /// <summary>ECC counters belong to the physical GPU (upstream labels them without MIG instance or job).</summary>
    private static void EmitEcc(NvmlLibrary nvml, nint device, ScrapeBuffer buffer, QueryErrors errors, string[] gpuLabels)
    {
        foreach (var (errorType, errorLabel) in EccErrorTypes)
        {
            foreach (var (counterType, counterLabel) in EccCounterTypes)
            {
                if (errors.Ok(nvml.TotalEccErrors(device, errorType, counterType, out var count)))
                    buffer.Add(GpuMetrics.EccErrors, count, [.. gpuLabels, errorLabel, counterLabel]);
            }
        }
    }

    private void EmitDevice(NvmlLibrary nvml, nint device, nint parent, ScrapeBuffer buffer, QueryErrors errors, string ordinalText,
        string minor, string uuid, string name, uint? gpuInstanceId, uint ordinal)
    {
        var owner = _ownership.Find(uuid, ordinal, gpuInstanceId);
        string[] labels = [ordinalText, minor, uuid, name, gpuInstanceId is { } gi ? Text(gi) : "", owner?.JobId ?? "", owner?.Uid ?? ""];
        if (errors.Ok(nvml.Memory(device, out var memory)))
        {
            buffer.Add(GpuMetrics.MemoryUsed, memory.Used, labels);
            buffer.Add(GpuMetrics.MemoryTotal, memory.Total, labels);
        }
        if (errors.Ok(nvml.Utilization(device, out var utilization))) buffer.Add(GpuMetrics.DutyCycle, utilization.Gpu, labels);
        if (errors.Ok(nvml.PowerMilliwatts(device, out var power))) buffer.Add(GpuMetrics.Power, power, labels);
        if (errors.Ok(nvml.TemperatureCelsius(device, out var temperature))) buffer.Add(GpuMetrics.Temperature, temperature, labels);
        if (errors.Ok(nvml.FanSpeedPercent(device, out var fan))) buffer.Add(GpuMetrics.FanSpeed, fan, labels);
        foreach (var (type, typeLabel) in ClockTypes)
        {
            if (errors.Ok(nvml.ClockMhz(device, type, out var megahertz))) buffer.Add(GpuMetrics.Clock, megahertz, [.. labels, typeLabel]);
        }
        if (errors.Ok(nvml.ClocksEventReasons(device, out var reasons)))
            buffer.Add(GpuMetrics.ClockEventReason, reasons, [.. labels, ClockEventReasons.Label(reasons)]);
        if (_gpm is { } gpm)
        {
            Span<double?> values = stackalloc double?[GpmMetricIds.Length];
            errors.Ok(gpm.Read(uuid, parent, gpuInstanceId, GpmMetricIds, values));
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value) buffer.Add(GpuMetrics.Gpm[i].Family, GpuMetrics.GpmExported(value, GpuMetrics.Gpm[i].IsRate), labels);
            }
        }
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
