using System.Runtime.InteropServices;
using System.Text;

namespace Jobstats.Exporter.Gpu;

/// <summary>
/// libnvidia-ml bound at run time through function pointers, so the exporter starts (and the cgroup collector
/// works) on nodes without the library or driver. Every entry point is resolved up front; a missing one is reported
/// by name instead of failing later inside a scrape.
/// </summary>
internal sealed unsafe class NvmlLibrary : IDisposable
{
    private readonly nint _handle;
    private readonly delegate* unmanaged<NvmlReturn> _init;
    private readonly delegate* unmanaged<NvmlReturn> _shutdown;
    private readonly delegate* unmanaged<NvmlReturn, byte*> _errorString;
    private readonly delegate* unmanaged<byte*, uint, NvmlReturn> _driverVersion;
    private readonly delegate* unmanaged<uint*, NvmlReturn> _count;
    private readonly delegate* unmanaged<uint, nint*, NvmlReturn> _handleByIndex;
    private readonly delegate* unmanaged<nint, byte*, uint, NvmlReturn> _uuid;
    private readonly delegate* unmanaged<nint, byte*, uint, NvmlReturn> _name;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _minor;
    private readonly delegate* unmanaged<nint, NvmlMemory*, NvmlReturn> _memory;
    private readonly delegate* unmanaged<nint, NvmlUtilization*, NvmlReturn> _utilization;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _power;
    private readonly delegate* unmanaged<nint, int, uint*, NvmlReturn> _temperature;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _fanSpeed;
    private readonly delegate* unmanaged<nint, int, uint*, NvmlReturn> _clockInfo;
    private readonly delegate* unmanaged<nint, ulong*, NvmlReturn> _clocksEventReasons;
    private readonly delegate* unmanaged<nint, int, int, ulong*, NvmlReturn> _totalEccErrors;
    private readonly delegate* unmanaged<nint, uint*, uint*, NvmlReturn> _migMode;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _maxMigCount;
    private readonly delegate* unmanaged<nint, uint, nint*, NvmlReturn> _migHandle;
    private readonly delegate* unmanaged<nint, uint*, NvmlReturn> _gpuInstanceId;
    private readonly delegate* unmanaged<nint, NvmlGpmSupport*, NvmlReturn> _gpmQuerySupport;
    private readonly delegate* unmanaged<nint*, NvmlReturn> _gpmSampleAlloc;
    private readonly delegate* unmanaged<nint, NvmlReturn> _gpmSampleFree;
    private readonly delegate* unmanaged<nint, nint, NvmlReturn> _gpmSampleGet;
    private readonly delegate* unmanaged<nint, uint, nint, NvmlReturn> _gpmMigSampleGet;
    private readonly delegate* unmanaged<NvmlGpmMetricsGet*, NvmlReturn> _gpmMetricsGet;
    private bool _initialized;

    private NvmlLibrary(nint handle)
    {
        _handle = handle;
        _init = (delegate* unmanaged<NvmlReturn>)Export("nvmlInit_v2");
        _shutdown = (delegate* unmanaged<NvmlReturn>)Export("nvmlShutdown");
        _errorString = (delegate* unmanaged<NvmlReturn, byte*>)Export("nvmlErrorString");
        _driverVersion = (delegate* unmanaged<byte*, uint, NvmlReturn>)Export("nvmlSystemGetDriverVersion");
        _count = (delegate* unmanaged<uint*, NvmlReturn>)Export("nvmlDeviceGetCount_v2");
        _handleByIndex = (delegate* unmanaged<uint, nint*, NvmlReturn>)Export("nvmlDeviceGetHandleByIndex_v2");
        _uuid = (delegate* unmanaged<nint, byte*, uint, NvmlReturn>)Export("nvmlDeviceGetUUID");
        _name = (delegate* unmanaged<nint, byte*, uint, NvmlReturn>)Export("nvmlDeviceGetName");
        _minor = (delegate* unmanaged<nint, uint*, NvmlReturn>)Export("nvmlDeviceGetMinorNumber");
        _memory = (delegate* unmanaged<nint, NvmlMemory*, NvmlReturn>)Export("nvmlDeviceGetMemoryInfo");
        _utilization = (delegate* unmanaged<nint, NvmlUtilization*, NvmlReturn>)Export("nvmlDeviceGetUtilizationRates");
        _power = (delegate* unmanaged<nint, uint*, NvmlReturn>)Export("nvmlDeviceGetPowerUsage");
        _temperature = (delegate* unmanaged<nint, int, uint*, NvmlReturn>)Export("nvmlDeviceGetTemperature");
        _fanSpeed = (delegate* unmanaged<nint, uint*, NvmlReturn>)Export("nvmlDeviceGetFanSpeed");
        _clockInfo = (delegate* unmanaged<nint, int, uint*, NvmlReturn>)Export("nvmlDeviceGetClockInfo");
        // Driver 535 renamed the throttle reasons to clocks event reasons (same bits, same signature); older
        // libraries only have the old name.
        var eventReasons = OptionalExport("nvmlDeviceGetCurrentClocksEventReasons");
        _clocksEventReasons = (delegate* unmanaged<nint, ulong*, NvmlReturn>)(eventReasons != 0
            ? eventReasons
            : Export("nvmlDeviceGetCurrentClocksThrottleReasons"));
        _totalEccErrors = (delegate* unmanaged<nint, int, int, ulong*, NvmlReturn>)Export("nvmlDeviceGetTotalEccErrors");
        _migMode = (delegate* unmanaged<nint, uint*, uint*, NvmlReturn>)Export("nvmlDeviceGetMigMode");
        _maxMigCount = (delegate* unmanaged<nint, uint*, NvmlReturn>)Export("nvmlDeviceGetMaxMigDeviceCount");
        _migHandle = (delegate* unmanaged<nint, uint, nint*, NvmlReturn>)Export("nvmlDeviceGetMigDeviceHandleByIndex");
        _gpuInstanceId = (delegate* unmanaged<nint, uint*, NvmlReturn>)Export("nvmlDeviceGetGpuInstanceId");
        // GPM arrived with driver 520; older libraries simply have no GPM metrics.
        _gpmQuerySupport = (delegate* unmanaged<nint, NvmlGpmSupport*, NvmlReturn>)OptionalExport("nvmlGpmQueryDeviceSupport");
        _gpmSampleAlloc = (delegate* unmanaged<nint*, NvmlReturn>)OptionalExport("nvmlGpmSampleAlloc");
        _gpmSampleFree = (delegate* unmanaged<nint, NvmlReturn>)OptionalExport("nvmlGpmSampleFree");
        _gpmSampleGet = (delegate* unmanaged<nint, nint, NvmlReturn>)OptionalExport("nvmlGpmSampleGet");
        _gpmMigSampleGet = (delegate* unmanaged<nint, uint, nint, NvmlReturn>)OptionalExport("nvmlGpmMigSampleGet");
        _gpmMetricsGet = (delegate* unmanaged<NvmlGpmMetricsGet*, NvmlReturn>)OptionalExport("nvmlGpmMetricsGet");
        HasGpm = _gpmQuerySupport is not null && _gpmSampleAlloc is not null && _gpmSampleFree is not null
                 && _gpmSampleGet is not null && _gpmMigSampleGet is not null && _gpmMetricsGet is not null;
    }

    /// <summary>True when the library exports the GPM entry points.</summary>
    public bool HasGpm { get; }

    /// <summary>Loads the library and calls nvmlInit_v2. On failure returns null and a reason fit for a log line.</summary>
    public static NvmlLibrary? TryOpen(string libraryPath, out string failure)
    {
        failure = "";
        if (!NativeLibrary.TryLoad(libraryPath, out var handle))
        {
            failure = $"cannot load {libraryPath} (NVIDIA driver library not installed?)";
            return null;
        }
        NvmlLibrary library;
        try
        {
            library = new NvmlLibrary(handle);
        }
        catch (EntryPointNotFoundException e)
        {
            NativeLibrary.Free(handle);
            failure = e.Message;
            return null;
        }
        var result = library._init();
        if (result != NvmlReturn.Success)
        {
            failure = $"nvmlInit_v2 failed: {library.ErrorString(result)} ({(int)result})";
            library.Dispose();
            return null;
        }
        library._initialized = true;
        return library;
    }

    public string ErrorString(NvmlReturn code)
    {
        var text = _errorString(code);
        return text is null ? $"error {(int)code}" : Marshal.PtrToStringUTF8((nint)text) ?? $"error {(int)code}";
    }

    public NvmlReturn DriverVersion(out string version) => String((b, n) => _driverVersion(b, n), NvmlBufferSizes.DriverVersion, out version);

    public NvmlReturn DeviceCount(out uint count)
    {
        uint value;
        var result = _count(&value);
        count = value;
        return result;
    }

    public NvmlReturn DeviceByIndex(uint index, out nint device)
    {
        nint value;
        var result = _handleByIndex(index, &value);
        device = value;
        return result;
    }

    public NvmlReturn Uuid(nint device, out string uuid) => String((b, n) => _uuid(device, b, n), NvmlBufferSizes.DeviceUuid, out uuid);

    public NvmlReturn Name(nint device, out string name) => String((b, n) => _name(device, b, n), NvmlBufferSizes.DeviceName, out name);

    public NvmlReturn MinorNumber(nint device, out uint minor) => UInt(_minor, device, out minor);

    public NvmlReturn Memory(nint device, out NvmlMemory memory)
    {
        NvmlMemory value;
        var result = _memory(device, &value);
        memory = value;
        return result;
    }

    public NvmlReturn Utilization(nint device, out NvmlUtilization utilization)
    {
        NvmlUtilization value;
        var result = _utilization(device, &value);
        utilization = value;
        return result;
    }

    public NvmlReturn PowerMilliwatts(nint device, out uint milliwatts) => UInt(_power, device, out milliwatts);

    /// <summary>Sensor 0 = NVML_TEMPERATURE_GPU, the GPU die.</summary>
    public NvmlReturn TemperatureCelsius(nint device, out uint celsius)
    {
        uint value;
        var result = _temperature(device, 0, &value);
        celsius = value;
        return result;
    }

    public NvmlReturn FanSpeedPercent(nint device, out uint percent) => UInt(_fanSpeed, device, out percent);

    public NvmlReturn ClockMhz(nint device, NvmlClockType type, out uint megahertz)
    {
        uint value;
        var result = _clockInfo(device, (int)type, &value);
        megahertz = value;
        return result;
    }

    /// <summary>Bit mask of the nvmlClocksEventReason* (formerly nvmlClocksThrottleReason*) values now in force.</summary>
    public NvmlReturn ClocksEventReasons(nint device, out ulong reasons)
    {
        ulong value;
        var result = _clocksEventReasons(device, &value);
        reasons = value;
        return result;
    }

    public NvmlReturn TotalEccErrors(nint device, NvmlMemoryErrorType error, NvmlEccCounterType counter, out ulong count)
    {
        ulong value;
        var result = _totalEccErrors(device, (int)error, (int)counter, &value);
        count = value;
        return result;
    }

    public NvmlReturn MigMode(nint device, out uint current, out uint pending)
    {
        uint currentValue, pendingValue;
        var result = _migMode(device, &currentValue, &pendingValue);
        current = currentValue;
        pending = pendingValue;
        return result;
    }

    public NvmlReturn MaxMigDeviceCount(nint device, out uint count) => UInt(_maxMigCount, device, out count);

    public NvmlReturn MigDeviceByIndex(nint device, uint index, out nint migDevice)
    {
        nint value;
        var result = _migHandle(device, index, &value);
        migDevice = value;
        return result;
    }

    public NvmlReturn GpuInstanceId(nint migDevice, out uint id) => UInt(_gpuInstanceId, migDevice, out id);

    public bool GpmSupported(nint device)
    {
        if (!HasGpm) return false;
        var support = new NvmlGpmSupport { Version = NvmlGpm.SupportVersion };
        return _gpmQuerySupport(device, &support) == NvmlReturn.Success && support.IsSupportedDevice != 0;
    }

    public NvmlReturn GpmSampleAlloc(out nint sample)
    {
        nint value;
        var result = _gpmSampleAlloc(&value);
        sample = value;
        return result;
    }

    public void GpmSampleFree(nint sample) => _gpmSampleFree(sample);

    /// <summary>Takes a sample of a whole GPU, or with <paramref name="gpuInstanceId"/> of one MIG instance of it.</summary>
    public NvmlReturn GpmSampleGet(nint device, uint? gpuInstanceId, nint sample) =>
        gpuInstanceId is { } gi ? _gpmMigSampleGet(device, gi, sample) : _gpmSampleGet(device, sample);

    /// <summary>
    /// Metrics computed between two samples of the same device in one call. The call's own result is returned;
    /// each metric's result goes to <paramref name="results"/> and, on success, its value to <paramref name="values"/>.
    /// </summary>
    public NvmlReturn GpmMetrics(nint earlier, nint later, ReadOnlySpan<uint> metricIds, Span<double> values, Span<NvmlReturn> results)
    {
        if (metricIds.Length > NvmlGpm.MetricMax || values.Length < metricIds.Length || results.Length < metricIds.Length)
            throw new ArgumentException("one value and one result per metric, at most NVML_GPM_METRIC_MAX of them");
        var request = new NvmlGpmMetricsGet
        {
            Version = NvmlGpm.MetricsGetVersion, NumMetrics = (uint)metricIds.Length, Sample1 = earlier, Sample2 = later,
        };
        var metrics = (NvmlGpmMetric*)request.Metrics;
        for (var i = 0; i < metricIds.Length; i++) metrics[i].MetricId = metricIds[i];
        var result = _gpmMetricsGet(&request);
        for (var i = 0; i < metricIds.Length; i++)
        {
            results[i] = result == NvmlReturn.Success ? metrics[i].Return : result;
            values[i] = results[i] == NvmlReturn.Success ? metrics[i].Value : 0;
        }
        return result;
    }

    public void Dispose()
    {
        if (_initialized)
        {
            _shutdown();
            _initialized = false;
        }
        // The library stays mapped: NVML keeps threads of its own that must not lose their code.
    }

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(_handle, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{name} is missing from the NVML library (driver too old?)");

    private nint OptionalExport(string name) => NativeLibrary.TryGetExport(_handle, name, out var address) ? address : 0;

    private static NvmlReturn UInt(delegate* unmanaged<nint, uint*, NvmlReturn> function, nint device, out uint result)
    {
        uint value;
        var code = function(device, &value);
        result = value;
        return code;
    }

    private delegate NvmlReturn BufferCall(byte* buffer, uint length);

    private static NvmlReturn String(BufferCall call, int size, out string value)
    {
        var buffer = stackalloc byte[size];
        var result = call(buffer, (uint)size);
        value = result == NvmlReturn.Success ? Encoding.UTF8.GetString(buffer, new ReadOnlySpan<byte>(buffer, size).IndexOf((byte)0) is var n and >= 0 ? n : size) : "";
        return result;
    }
}
