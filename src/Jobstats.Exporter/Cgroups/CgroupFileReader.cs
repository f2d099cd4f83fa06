using System.Buffers;
using System.Text;

namespace Jobstats.Exporter.Cgroups;

/// <summary>Reads small pseudo-files with a hard size cap, so a hostile or broken file cannot exhaust memory.</summary>
internal static class CgroupFileReader
{
    public const int MaxBytes = 64 * 1024;

    public static string Read(string path)
    {
        // Pooled buffer: a scrape reads thousands of these files, and zeroing a fresh 64 KiB array for each
        // one dominated the scrape time in bench/exporter.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.None);
            var total = 0;
            int read;
            while (total <= MaxBytes && (read = stream.Read(buffer, total, MaxBytes + 1 - total)) > 0) total += read;
            if (total > MaxBytes) throw new FormatException($"{Path.GetFileName(path)}: larger than {MaxBytes} bytes");
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Null when the file or its directory does not exist (optional files such as memory.memsw.*).</summary>
    public static string? ReadOptional(string path)
    {
        try
        {
            return Read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
