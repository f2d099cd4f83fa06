using System.Runtime.InteropServices;

namespace Jobstats.Exporter.Gpu;

/// <summary>nvmlMemory_t: total, free, used, each unsigned long long bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlMemory
{
    public ulong Total;
    public ulong Free;
    public ulong Used;
}

/// <summary>nvmlUtilization_t: gpu and memory busy percentages over the last sample period, unsigned int.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NvmlUtilization
{
    public uint Gpu;
    public uint Memory;
}

/// <summary>nvmlClockType_t.</summary>
internal enum NvmlClockType
{
    Graphics = 0,   // NVML_CLOCK_GRAPHICS
    Sm = 1,         // NVML_CLOCK_SM
    Memory = 2,     // NVML_CLOCK_MEM
    Video = 3,      // NVML_CLOCK_VIDEO
}

/// <summary>nvmlMemoryErrorType_t.</summary>
internal enum NvmlMemoryErrorType
{
    Corrected = 0,     // NVML_MEMORY_ERROR_TYPE_CORRECTED
    Uncorrected = 1,   // NVML_MEMORY_ERROR_TYPE_UNCORRECTED
}

/// <summary>nvmlEccCounterType_t.</summary>
internal enum NvmlEccCounterType
{
    Volatile = 0,    // NVML_VOLATILE_ECC: since the driver was loaded
    Aggregate = 1,   // NVML_AGGREGATE_ECC: over the life of the device
}

/// <summary>Buffer sizes from nvml.h (the _V2 sizes are the larger, current ones).</summary>
internal static class NvmlBufferSizes
{
    public const int DeviceUuid = 96;      // NVML_DEVICE_UUID_V2_BUFFER_SIZE
    public const int DeviceName = 96;      // NVML_DEVICE_NAME_V2_BUFFER_SIZE
    public const int DriverVersion = 80;   // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE
}
