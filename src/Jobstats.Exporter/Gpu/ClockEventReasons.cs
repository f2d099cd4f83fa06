using System.Globalization;
using System.Text;

namespace Jobstats.Exporter.Gpu;

/// <summary>
/// The <c>reason</c> label of nvidia_gpu_clock_event_reason: the bits of NVML's clocks event reason mask, each named
/// after its nvmlClocksEventReason* (formerly nvmlClocksThrottleReason*) macro in snake case, comma-separated in bit
/// order. An empty mask is <c>none</c>; a bit newer than this list is named <c>bit&lt;N&gt;</c> so it is still seen.
/// </summary>
internal static class ClockEventReasons
{
    private static readonly (ulong Bit, string Name)[] Known =
    [
        (0x1, "gpu_idle"),                     // nvmlClocksEventReasonGpuIdle
        (0x2, "applications_clocks_setting"),  // nvmlClocksEventReasonApplicationsClocksSetting
        (0x4, "sw_power_cap"),                 // nvmlClocksEventReasonSwPowerCap
        (0x8, "hw_slowdown"),                  // nvmlClocksThrottleReasonHwSlowdown
        (0x10, "sync_boost"),                  // nvmlClocksEventReasonSyncBoost
        (0x20, "sw_thermal_slowdown"),         // nvmlClocksEventReasonSwThermalSlowdown
        (0x40, "hw_thermal_slowdown"),         // nvmlClocksThrottleReasonHwThermalSlowdown
        (0x80, "hw_power_brake_slowdown"),     // nvmlClocksThrottleReasonHwPowerBrakeSlowdown
        (0x100, "display_clock_setting"),      // nvmlClocksEventReasonDisplayClockSetting
    ];

    public static string Label(ulong mask)
    {
        if (mask == 0) return "none";
        var text = new StringBuilder();
        for (var bit = 0; bit < 64; bit++)
        {
            var value = 1UL << bit;
            if ((mask & value) == 0) continue;
            if (text.Length > 0) text.Append(',');
            var known = Array.FindIndex(Known, k => k.Bit == value);
            text.Append(known >= 0 ? Known[known].Name : "bit" + bit.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
