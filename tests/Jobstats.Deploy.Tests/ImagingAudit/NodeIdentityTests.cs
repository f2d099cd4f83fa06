using Jobstats.Deploy.ImagingAudit;

namespace Jobstats.Deploy.Tests.ImagingAudit;

public sealed class NodeIdentityTests
{
    [Fact]
    public void The_macs_of_this_machines_real_network_interfaces_are_found_in_sysfs()
    {
        // sysfs says every attribute is 4096 bytes long; the address file holds "aa:bb:cc:dd:ee:ff\n".
        var expected = Directory.EnumerateFileSystemEntries("/sys/class/net")
            .Select(device => Path.Combine(device, "address"))
            .Where(File.Exists)
            .Select(file => File.ReadAllText(file).Trim())
            .Where(mac => mac.Length == 17 && mac != "00:00:00:00:00:00")
            .ToList();
        Assert.SkipWhen(expected.Count == 0, "this machine has no network interface with a MAC address in /sys/class/net");

        var identity = NodeIdentity.Detect(new RootFileSystem("/", "node"), extraAddresses: null);

        Assert.Subset(identity.MacAddresses.Select(m => m.ToLowerInvariant()).ToHashSet(), expected.ToHashSet());
    }
}
