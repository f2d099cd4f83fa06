using Jobstats.Deploy.Components;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Tests.Support;

namespace Jobstats.Deploy.Tests.ImagingAudit;

/// <summary>The audit's plan is the deployment's: its category, its roles, and the paths apply writes for them.</summary>
public sealed class DeploymentAuditPlanTests
{
    private static Inventory Parse(string roles, string target = "{ kind: image, root: /cm/images/dgx-image }") => InventoryLoader.Parse($"""
        cluster: c1
        bcm: {"{"} enabled: true, cmsh: /nonexistent/cmsh {"}"}
        slurm: {"{"} conf: /cm/shared/apps/slurm/var/etc/slurm.conf, settings_via: cmsh {"}"}
        roles:
        {roles}
        target: {target}
        prometheus: {"{"} mode: new {"}"}
        binaries: {"{"} jobstats_dir: /opt/jobstats {"}"}
        """);

    private static async Task<Deployment> OfflineAsync(Inventory inventory) =>
        DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, TestContext.Current.CancellationToken, offline: true), TestAssets.Instance);

    [Fact]
    public void The_only_category_is_chosen_and_an_unknown_one_is_a_usage_error_naming_the_known()
    {
        var inventory = Parse("  compute: ['category:dgx']\n  login: ['category:dgx']");
        Assert.Equal("dgx", DeploymentAuditPlan.ChooseCategory(inventory, null));
        Assert.Equal("dgx", DeploymentAuditPlan.ChooseCategory(inventory, "dgx"));
        var error = Assert.Throws<UsageException>(() => DeploymentAuditPlan.ChooseCategory(inventory, "gpu"));
        Assert.Equal("the inventory has no category 'gpu' (known: dgx)", error.Message);
    }

    [Fact]
    public void Several_categories_need_a_choice_and_none_audits_the_target_image()
    {
        var several = Parse("  compute: ['category:dgx']\n  login: ['category:login']");
        Assert.Contains("choose one with --category", Assert.Throws<UsageException>(() => DeploymentAuditPlan.ChooseCategory(several, null)).Message);
        Assert.Equal("dgx-image", DeploymentAuditPlan.ChooseCategory(Parse("  compute: ['dgx-[001-002]']"), null));
    }

    [Fact]
    public async Task Only_the_roles_the_category_serves_are_audited()
    {
        var deployment = await OfflineAsync(Parse("  compute: ['category:dgx']\n  login: ['category:login']\n  prometheus: [mon1]"));
        var plan = DeploymentAuditPlan.Create(deployment, "dgx", "dgx-image", "/cm/images/dgx-image");
        Assert.Equal([RoleNames.Compute], plan.Roles);
        Assert.All(plan.Paths, p => Assert.Equal(RoleNames.Compute, p.Role));
        Assert.DoesNotContain(plan.Paths, p => p.Path == Layout.ConfigFile);
    }

    [Fact]
    public async Task The_paths_are_the_deployments_with_its_component_names_and_users_but_no_services()
    {
        var deployment = await OfflineAsync(Parse("  compute: ['category:dgx']\n  prometheus: ['category:dgx']"));
        var plan = DeploymentAuditPlan.Create(deployment, "dgx", "dgx-image", "/cm/images/dgx-image");

        // Every path apply writes for these roles is audited, once, and nothing else.
        Assert.Equal(deployment.OwnedPaths.Select(p => p.Path).Distinct().Order(), plan.Paths.Where(p => p.Kind != AuditedPathKind.User).Select(p => p.Path).Order());
        Assert.Equal(AuditedPathKind.Unit, plan.Paths.Single(p => p.Path == Layout.Unit("node_exporter")).Kind);
        Assert.Equal(ComponentNames.NodeExporter, plan.Paths.Single(p => p.Path == Layout.Unit("node_exporter")).Component);
        var link = plan.Paths.Single(p => p.Path == $"{Layout.PrologDir}/60-prolog-jobstats.sh");
        Assert.Equal((AuditedPathKind.Symlink, $"{Layout.SharedScriptDir}/prolog-jobstats.sh"), (link.Kind, link.SymlinkTarget));
        var user = Assert.Single(plan.Paths, p => p.Kind == AuditedPathKind.User);
        Assert.Equal(("prometheus", RoleNames.Prometheus), (user.Path, user.Role));
        Assert.Contains(plan.Paths, p => p.Path.EndsWith("/" + Layout.ExporterTargets, StringComparison.Ordinal));
    }
}
