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
        foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" })
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

    /// <summary>
    /// One inventory for a whole BCM cluster below a temp root: the head node <c>head</c> (controller, Prometheus,
    /// Grafana) onto <c>root/head</c>, which also holds shared storage and the state; category <c>dgx</c>'s compute
    /// role into its software image, found through cmsh; <paramref name="more"/> adds sections under targets.
    /// </summary>
    public static string WholeClusterYaml(TempDirectory root, string cmsh, string binaries, string roles = DefaultWholeClusterRoles, string more = "") => $"""
        cluster: dgxcluster
        bcm: {"{"} enabled: true, head_node: head, cmsh: {cmsh} {"}"}
        slurm: {"{"} conf: /cm/shared/apps/slurm/var/etc/slurm.conf, settings_via: cmsh {"}"}
        roles:
        {roles}
        targets:
          state_dir: /var/lib/jobstatsctl
          head_node: {"{"} root: {root.Path}/head, manage_services: false {"}"}
        {more}
        prometheus: {"{"} mode: new {"}"}
        binaries: {"{"} jobstats_dir: {binaries} {"}"}
        """;

    public const string DefaultWholeClusterRoles = "  controller: [head]\n  prometheus: [head]\n  grafana: [head]\n  compute: ['category:dgx']";

    /// <summary>The head node's root of <see cref="WholeClusterYaml"/> with the accounts a controller needs, and the
    /// fake cmsh's cluster: category dgx of two nodes booting from image dgx-image in <c>root/images/dgx-image</c>.</summary>
    public static FakeCmsh WholeCluster(TempDirectory root)
    {
        Directory.CreateDirectory(root.Path + "/head/etc");
        File.WriteAllText(root.Path + "/head/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nslurm:x:450:450::/var/lib/slurm:/bin/false\n");
        File.WriteAllText(root.Path + "/head/etc/group", "root:x:0:\nslurm:x:450:\n");
        Directory.CreateDirectory(root.Path + "/images/dgx-image/etc");
        return new FakeCmsh("category.dgx.nodes=dgx-001,dgx-002", "category.dgx.softwareimage=dgx-image", $"image.dgx-image.path={root.Path}/images/dgx-image");
    }

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
