using System.Net;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>What makes the source node unique and must not be copied to every node of a category.</summary>
internal sealed record NodeIdentity(string? Hostname, string? MachineId, IReadOnlyList<string> IpAddresses, IReadOnlyList<string> MacAddresses)
{
    public bool IsEmpty => Hostname is null && MachineId is null && IpAddresses.Count == 0 && MacAddresses.Count == 0;

    /// <summary>
    /// Reads the identity from a root: /etc/hostname, /etc/machine-id, the addresses /etc/hosts gives the hostname,
    /// and the MACs under sys/class/net when the root exposes them; plus addresses the admin supplied.
    /// </summary>
    public static NodeIdentity Detect(RootFileSystem root, IEnumerable<string>? extraAddresses)
    {
        var hostname = FirstLine(root.ReadText("/etc/hostname", 4096)?.Text);
        if (hostname is not null && (hostname.Length < 2 || hostname is "localhost" or "localhost.localdomain"))
        {
            hostname = null;
        }
        var machineId = FirstLine(root.ReadText("/etc/machine-id", 4096)?.Text);
        if (machineId is not null && (machineId.Length != 32 || !machineId.All(char.IsAsciiHexDigit) || machineId.All(c => c == '0')))
        {
            machineId = null;
        }

        var ips = new List<string>();
        var macs = new List<string>();
        foreach (var address in extraAddresses ?? [])
        {
            AddAddress(address, ips, macs);
        }
        if (hostname is not null)
        {
            var shortName = hostname.Split('.')[0];
            foreach (var line in (root.ReadText("/etc/hosts", 1024 * 1024)?.Text ?? "").Split('\n'))
            {
                var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields.Skip(1).Any(n => n == hostname || n == shortName))
                {
                    AddAddress(fields[0], ips, macs);
                }
            }
        }
        var netDirectory = root.HostPath("/sys/class/net");
        if (Directory.Exists(netDirectory))
        {
            foreach (var device in Directory.EnumerateDirectories(netDirectory).Concat(EnumerateLinks(netDirectory)))
            {
                var text = FirstLine(ReadSmall(Path.Combine(device, "address")));
                if (text is not null)
                {
                    AddAddress(text, ips, macs);
                }
            }
        }
        return new NodeIdentity(hostname, machineId, ips.Distinct().ToList(), macs.Distinct().ToList());
    }

    private static IEnumerable<string> EnumerateLinks(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos().Where(i => i.LinkTarget is not null).Select(i => i.FullName);

    /// <summary>The first 4 KiB of a regular file: sysfs reports every attribute as 4096 bytes long, whatever it holds.</summary>
    private static string? ReadSmall(string path)
    {
        const int Limit = 4096;
        try
        {
            // Regular files only: a FIFO planted as an "address" would block the open forever.
            if (UnixFiles.Status(path) is not { } status || EntryTypes.FromMode(status.Type) != EntryType.Regular) return null;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[Limit];
            int length = 0, read;
            while (length < Limit && (read = stream.Read(buffer, length, Limit - length)) > 0) length += read;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void AddAddress(string text, List<string> ips, List<string> macs)
    {
        var candidate = text.Trim();
        if (IsMac(candidate))
        {
            var normalized = candidate.Replace('-', ':').ToLowerInvariant();
            if (normalized != "00:00:00:00:00:00")
            {
                macs.Add(normalized);
            }
        }
        else if (IPAddress.TryParse(candidate, out var ip) && !IPAddress.IsLoopback(ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
        {
            ips.Add(ip.ToString());
        }
    }

    private static bool IsMac(string text) =>
        text.Length == 17 && Enumerable.Range(0, 17).All(i => i % 3 == 2 ? text[i] is ':' or '-' : char.IsAsciiHexDigit(text[i]));

    private static string? FirstLine(string? text)
    {
        var line = text?.Split('\n')[0].Trim();
        return string.IsNullOrEmpty(line) ? null : line;
    }
}
