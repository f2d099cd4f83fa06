using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Tests.Inventories;

/// <summary>The <c>targets:</c> section: one inventory for the whole cluster, validated like the rest, each error at its line.</summary>
public class WholeClusterInventoryTests
{
    private const string Cluster = """
        cluster: dgxcluster
        bcm: { enabled: true, head_node: head1 }
        roles:
          controller: [head1]
          prometheus: [head1]
          login: ['login[1-2]']
          compute: ['category:dgx', 'category:hgx']
        targets:
          state_dir: /var/lib/jobstatsctl
          head_node: { root: / }
          ssh: { user: admin, port: 2222, parallelism: 32, manage_services: true }
          categories:
            dgx: { image: dgx-image, imageupdate: true }
            hgx: { root: /cm/images/hgx-image }
        """;

    private static IReadOnlyList<string> Errors(string yaml) => Assert.Throws<InventoryException>(() => InventoryLoader.Parse(yaml, "inv.yaml")).Errors;

    [Fact]
    public void The_targets_section_loads_with_every_value_and_the_head_node_is_the_control_target()
    {
        var inv = InventoryLoader.Parse(Cluster);
        var map = Assert.IsType<TargetMap>(inv.Targets);
        Assert.Equal("head1", map.HeadNodeHost);
        Assert.Equal((TargetKind.Local, "/", true, "/var/lib/jobstatsctl", "/"), (map.HeadNode.Kind, map.HeadNode.Root, map.HeadNode.ManageServices, map.HeadNode.StateDir, map.HeadNode.SharedRoot));
        Assert.Same(map.HeadNode, inv.Target);
        Assert.Equal((TargetKind.Ssh, "admin", 2222, 32), (map.Ssh.Kind, map.Ssh.Ssh.User, map.Ssh.Ssh.Port, map.Ssh.Ssh.Parallelism));
        Assert.Same(map.Ssh, inv.SshTarget);
        Assert.Equal(new CategoryTarget(TargetKind.Image, "dgx-image", null, true), map.Category("dgx"));
        Assert.Equal(new CategoryTarget(TargetKind.Image, null, "/cm/images/hgx-image", null), map.Category("hgx"));
        Assert.Equal(CategoryTarget.Default, map.Category("unlisted"));
    }

    [Fact]
    public void Without_categories_or_settings_every_category_goes_into_its_image_found_through_cmsh()
    {
        var inv = InventoryLoader.Parse(Cluster[..Cluster.IndexOf("targets:", StringComparison.Ordinal)] + "targets: {}\n");
        Assert.Equal(CategoryTarget.Default, inv.Targets!.Category("dgx"));
        Assert.Equal("/", inv.Targets.HeadNode.Root);
    }

    [Fact]
    public void A_single_target_inventory_keeps_its_one_target()
    {
        var inv = InventoryLoader.Parse("cluster: c\nroles: { compute: [n1] }\ntarget: { kind: ssh }\n");
        Assert.Null(inv.Targets);
        Assert.Equal(TargetKind.Ssh, inv.SshTarget.Kind);
    }

    [Theory]
    [InlineData("targets:\n", "target: { kind: image, root: /cm/images/x }\ntargets:\n", "inv.yaml:8: 'target' and 'targets' cannot both be given")]
    [InlineData("    hgx: { root: /cm/images/hgx-image }", "    hgx: { root: /cm/images/hgx-image }\n    a100: {}", "inv.yaml:15: 'targets.categories.a100': no role names category:a100 (used: dgx, hgx)")]
    [InlineData("hgx: { root: /cm/images/hgx-image }", "hgx: { root: / }", "inv.yaml:14: 'targets.categories.hgx.root' must be the software image directory")]
    [InlineData("hgx: { root: /cm/images/hgx-image }", "hgx: { root: /cm/images/hgx-image, image: hgx }", "inv.yaml:14: 'targets.categories.hgx.root' and 'targets.categories.hgx.image': give one")]
    [InlineData("hgx: { root: /cm/images/hgx-image }", "hgx: { kind: ssh, image: hgx }", "inv.yaml:14: 'targets.categories.hgx.kind: ssh' deploys onto the category's nodes")]
    [InlineData("hgx: { root: /cm/images/hgx-image }", "hgx: { kind: local }", "inv.yaml:14: 'targets.categories.hgx.kind' must be one of image, ssh")]
    [InlineData("dgx: { image: dgx-image, imageupdate: true }", "dgx: { image: 'dgx;reboot' }", "inv.yaml:13: 'targets.categories.dgx.image' is not a software image name")]
    [InlineData("head_node: { root: / }", "head_node: { root: relative, services: no }", "inv.yaml:10: 'targets.head_node.root' must be an absolute path")]
    [InlineData("head_node: { root: / }", "head_node: { root: /, services: no }", "inv.yaml:10: unknown key 'targets.head_node.services'")]
    [InlineData("ssh: { user: admin,", "ssh: { user: 'a b',", "inv.yaml:11: 'targets.ssh.user' is not a valid user name")]
    public void Mistakes_in_the_targets_section_are_reported_with_their_line(string from, string to, string expected)
    {
        Assert.Contains(Errors(Cluster.Replace(from, to)), e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}
