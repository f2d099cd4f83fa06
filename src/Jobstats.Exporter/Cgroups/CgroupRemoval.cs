namespace Jobstats.Exporter.Cgroups;

/// <summary>Recognises the errors with which the kernel reports a cgroup removed while it is being read.</summary>
internal static class CgroupRemoval
{
    // Linux errno values; .NET puts the raw errno of an unmapped error into IOException.HResult.
    private const int NoSuchDevice = 19; // ENODEV: a file of a removed cgroup read through a descriptor opened before
    private const int NoSuchProcess = 3; // ESRCH: the cgroup's processes are gone while it is torn down

    /// <summary>
    /// True for ENODEV and ESRCH. ENOENT is not enough on its own (a file missing from a cgroup that still exists is
    /// a real error), so a missing file counts as removal only when one of the cgroup's directories is gone too
    /// (<see cref="ICgroupLayout.StillExists"/>).
    /// </summary>
    public static bool IsRemovalError(Exception error) => error is IOException { HResult: NoSuchDevice or NoSuchProcess };
}
