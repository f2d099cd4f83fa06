namespace Jobstats.Exporter.Cgroups;

/// <summary>Cgroup directory paths composed without a string: a scrape reads thousands of cgroups.</summary>
internal static class CgroupPaths
{
    /// <summary>Room on the stack for a usual path; longer ones are composed on the heap.</summary>
    public const int StackLength = 512;

    /// <summary><paramref name="root"/>/<paramref name="relative"/> in <paramref name="buffer"/>, or in a new array when it does not fit.</summary>
    public static ReadOnlySpan<char> Join(string root, string relative, Span<char> buffer)
    {
        var length = root.Length + 1 + relative.Length;
        if (length > buffer.Length) buffer = new char[length];
        root.CopyTo(buffer);
        buffer[root.Length] = '/';
        relative.CopyTo(buffer[(root.Length + 1)..]);
        return buffer[..length];
    }
}
