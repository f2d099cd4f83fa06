using System.Text;

namespace Jobstats.Exporter.Cgroups;

/// <summary>Reads small pseudo-files with a hard size cap, so a hostile or broken file cannot exhaust memory.</summary>
public static class CgroupFileReader
{
    public const int MaxBytes = 64 * 1024;

    public static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.None);
        var buffer = new byte[MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        if (total > MaxBytes) throw new FormatException($"{Path.GetFileName(path)}: larger than {MaxBytes} bytes");
        return Encoding.UTF8.GetString(buffer, 0, total);
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
