using System.Text;

namespace Jobstats.Prometheus.Api;

/// <summary>
/// A credential or CA named in jobstats.yaml, read when a query needs it. The checks are those of ssh and the MySQL
/// client: a file others can write is refused (whoever edits a CA or a token can redirect or impersonate), and a secret
/// every user of the host can read is refused (a group of those who may query is the way to share it).
/// </summary>
internal static class SecretFile
{
    /// <summary>A token or password is a line; a CA bundle a few certificates. More is the wrong file.</summary>
    public const int MaxBytes = 256 * 1024;

    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The secret in the file, surrounding white space (an editor's final newline) removed, as Prometheus reads a password_file.</summary>
    public static string ReadSecret(string path, string what, string url)
    {
        string text = Read(path, what, url, secret: true).Trim();
        if (text.Length == 0) throw new PrometheusException($"the {what} file {path} (for {url}) is empty");
        // A line break or other control character would end the HTTP header early: refuse it rather than send half.
        if (text.Any(char.IsControl))
            throw new PrometheusException($"the {what} file {path} (for {url}) holds more than one line or control characters");
        return text;
    }

    /// <summary>A public file that must not be tampered with (the CA): refused when others can write it.</summary>
    public static string ReadPublic(string path, string what, string url) => Read(path, what, url, secret: false);

    private static string Read(string path, string what, string url, bool secret)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            UnixFileMode mode = File.GetUnixFileMode(stream.SafeFileHandle);
            if ((mode & GroupOrOtherWrite) != 0)
                throw new PrometheusException($"the {what} file {path} (for {url}) is writable by others than its owner (mode {Octal(mode)}): chmod go-w it");
            if (secret && (mode & UnixFileMode.OtherRead) != 0)
                throw new PrometheusException($"the {what} file {path} (for {url}) is readable by every user (mode {Octal(mode)}): " +
                    "make it 0640 with the group of those who may query (chmod 640, chgrp)");
            if (stream.Length > MaxBytes)
                throw new PrometheusException($"the {what} file {path} (for {url}) is larger than {MaxBytes / 1024} KiB: not a {what}");
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        { throw new PrometheusException($"the {what} file {path} (for {url}) does not exist", e); }
        catch (UnauthorizedAccessException e)
        { throw new PrometheusException($"cannot read the {what} file {path} (for {url}): permission denied (ask the administrator for the group that may query)", e); }
        catch (DecoderFallbackException e) { throw new PrometheusException($"the {what} file {path} (for {url}) is not UTF-8 text", e); }
        catch (IOException e) { throw new PrometheusException($"cannot read the {what} file {path} (for {url}): {e.Message}", e); }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
