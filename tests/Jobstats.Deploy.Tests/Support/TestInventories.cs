using Jobstats.Deploy.Inventories;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>Inventories for tests: a local root with every role, and fake published binaries.</summary>
public static class TestInventories
{
    public static string FakeBinaries(TempDirectory root)
    {
        var dir = root.Path + "/published";
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "jobstats", "jobstats-summaries", "jobstats-exporter" })
            File.WriteAllText($"{dir}/{name}", $"#!/bin/sh\necho {name}\n");
        return dir;
    }

    /// <summary>A BCM cluster whose category <c>dgx</c> serves the given roles, deployed into a software image root.</summary>
    public static string DgxImageYaml(TempDirectory root, string cmsh, string binaries, string roles = "  compute: ['category:dgx']") => $"""
        cluster: dgxcluster
        bcm: {"{"} enabled: true, head_node: head, cmsh: {cmsh} {"}"}
        slurm: {"{"} conf: /cm/shared/apps/slurm/var/etc/slurm.conf, settings_via: cmsh {"}"}
        roles:
        {roles}
        target:
          kind: image
          root: {root.Path}/images/dgx-image
          shared_root: {root.Path}/head
          state_dir: /var/lib/jobstatsctl
        prometheus: {"{"} mode: existing {"}"}
        binaries: {"{"} jobstats_dir: {binaries} {"}"}
        """;

    /// <param name="sections">More top-level sections, as YAML text (e.g. <c>alerts:</c>).</param>
    /// <param name="cmsh">A (fake) cmsh: then a BCM cluster whose Slurm settings go through it.</param>
    public static Inventory Local(TempDirectory root, string prometheusMode = "new", string sections = "", string? cmsh = null)
    {
        var yaml = new InventoryYaml(root, FakeBinaries(root)).WithPrometheus(prometheusMode).With(sections);
        if (cmsh is not null) yaml = yaml.WithBcm(cmsh);
        var inventory = InventoryLoader.Parse(yaml.ToString(), "test.yaml");
        Directory.CreateDirectory(root.Path + "/root/etc/slurm");
        File.WriteAllText(root.Path + "/root/etc/slurm/slurm.conf", "ClusterName=labcluster\nEpilogSlurmctld=\n");
        // A controller has the SlurmUser, which owns the summary spool.
        File.WriteAllText(root.Path + "/root/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        File.WriteAllText(root.Path + "/root/etc/group", "root:x:0:\nslurm:x:450:\n");
        return inventory;
    }
}
