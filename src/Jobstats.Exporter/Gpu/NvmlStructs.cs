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

/// <summary>Buffer sizes from nvml.h (the _V2 sizes are the larger, current ones).</summary>
internal static class NvmlBufferSizes
{
    public const int DeviceUuid = 96;      // NVML_DEVICE_UUID_V2_BUFFER_SIZE
    public const int DeviceName = 96;      // NVML_DEVICE_NAME_V2_BUFFER_SIZE
    public const int DriverVersion = 80;   // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE
}
