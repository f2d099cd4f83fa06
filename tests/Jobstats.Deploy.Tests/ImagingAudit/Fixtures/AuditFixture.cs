using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

/// <summary>
/// An image root, a node root and shared storage built in a temp dir for a BCM category serving the given roles: the
/// inventory is real, the audited paths are those of the deployment <see cref="DeploymentBuilder"/> makes of it (what
/// apply writes, with the content apply writes), plus accounts and the source node's identity. Tests then plant one
/// problem each.
/// </summary>
internal sealed class AuditFixture : IDisposable
{
    public const string Category = "dgx";
    public const string ImageName = "dgx-image";
    public const string Hostname = "dgx-001";
    public const string MachineId = "3f2c9a7e5b1d4c8f9a0b1c2d3e4f5a6b";
    public const string Ip = "10.40.0.11";
    public const string Mac = "52:54:00:12:34:56";

    private readonly TempDirectory _root = new("jobstats-audit-");

    public AuditFixture(params string[] roles)
    {
        ImageRoot = Create("image");
        NodeRoot = Create("node");
        SharedRoot = Create("shared");
        InventoryFile = _root["/jobstats.yaml"];
        File.WriteAllText(InventoryFile, InventoryYaml(roles));
        Deployment = OfflineDeployment(InventoryLoader.LoadFile(InventoryFile));
        var plan = DeploymentAuditPlan.Create(Deployment, Category, ImageName, ImageRoot);
        Roles = plan.Roles;
        Paths = plan.Paths;
        ExcludeListsText = BcmDefaultExcludeLists.Text;
        var users = Paths.Where(p => p.Kind == AuditedPathKind.User).Select(p => p.Path).ToList();
        foreach (var root in new[] { ImageRoot, NodeRoot })
        {
            LayOut(root);
            WriteAccounts(root, users.Select((u, i) => (u, 990L - i)));
        }
        Write(ImageRoot, "/etc/machine-id", "");
        Write(NodeRoot, "/etc/hostname", Hostname + "\n");
        Write(NodeRoot, "/etc/machine-id", MachineId + "\n");
        Write(NodeRoot, "/etc/hosts", $"127.0.0.1 localhost\n{Ip} {Hostname}.cluster {Hostname}\n");
        Write(NodeRoot, "/sys/class/net/eth0/address", Mac + "\n");
        Write(NodeRoot, "/sys/class/net/lo/address", "00:00:00:00:00:00\n");
    }

    /// <summary>The inventory written for the category, as an admin would pass it to audit-image.</summary>
    public string InventoryFile { get; }

    /// <summary>What apply writes for that inventory.</summary>
    public Deployment Deployment { get; }

    public IReadOnlyList<string> Roles { get; }

    public IReadOnlyList<AuditedPath> Paths { get; }

    public string ImageRoot { get; }

    public string NodeRoot { get; }

    public string SharedRoot { get; }

    public string ExcludeListsText { get; set; }

    public bool UseNodeRoot { get; set; } = true;

    public AuditRequest Request() => new(
        Category: Category,
        ImageName: ImageName,
        Roles: Roles,
        Paths: Paths,
        ExcludeLists: ExcludeListFile.Parse(ExcludeListsText, "lists.txt"),
        ImageRoot: ImageRoot,
        NodeRoot: UseNodeRoot ? NodeRoot : null,
        SharedStorageRoot: SharedRoot);

    public AuditReport Run() => ImagingAuditor.Run(Request(), TestContext.Current.CancellationToken);

    /// <summary>
    /// Every role on the category's nodes, deployed into its image with our own Prometheus and upstream programs from
    /// the OS packages. The cmsh is never run: roles are resolved offline, as audit-image does with --image-root and
    /// --exclude-lists.
    /// </summary>
    private string InventoryYaml(IEnumerable<string> roles) =>
        new InventoryYaml(_root, TestInventories.FakeBinaries(_root))
            .WithRoles(roles.Select(role => $"{role}: ['category:{Category}']").ToArray())
            .WithBcm("/nonexistent/cmsh")
            .IntoImage(ImageRoot, SharedRoot)
            .ToString();

    private static Deployment OfflineDeployment(Inventory inventory)
    {
        var roles = RoleResolver.ResolveAsync(inventory, cmsh: null, TestContext.Current.CancellationToken, offline: true).GetAwaiter().GetResult();
        return DeploymentBuilder.Build(inventory, roles, TestAssets.Instance);
    }

    public static void Write(string root, string path, string content)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public static void Link(string root, string path, string target)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            File.Delete(full);
        }
        File.CreateSymbolicLink(full, target);
    }

    public static void WriteAccounts(string root, IEnumerable<(string Name, long Id)> systemUsers)
    {
        var users = new List<(string Name, long Id)> { ("root", 0), ("daemon", 1), ("slurm", 450), ("munge", 451) };
        users.AddRange(systemUsers);
        Write(root, "/etc/passwd", string.Concat(users.Select(u => $"{u.Name}:x:{u.Id}:{u.Id}:{u.Name}:/var/lib/{u.Name}:/usr/sbin/nologin\n")));
        Write(root, "/etc/group", string.Concat(users.Select(u => $"{u.Name}:x:{u.Id}:\n")));
    }

    /// <summary>Each audited path as apply leaves it: files with the deployment's content, shared ones on shared storage.</summary>
    private void LayOut(string root)
    {
        var files = Deployment.OwnedPaths.Select(p => p.Resource).OfType<FileResource>().DistinctBy(f => f.Path).ToDictionary(f => f.Path);
        foreach (var path in Paths)
        {
            var target = PathLocations.Of(path.Path) == PathLocation.SharedStorage ? SharedRoot : root;
            switch (path.Kind)
            {
                case AuditedPathKind.File or AuditedPathKind.Unit:
                    var full = Path.Combine(target, path.Path.TrimStart('/'));
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllBytes(full, files[path.Path].Content.Bytes);
                    break;
                case AuditedPathKind.Directory when PathLocations.Of(path.Path) != PathLocation.RuntimeTmpfs:
                    Directory.CreateDirectory(Path.Combine(target, path.Path.TrimStart('/')));
                    break;
                case AuditedPathKind.Symlink:
                    Link(target, path.Path, path.SymlinkTarget!);
                    break;
            }
        }
    }

    private string Create(string name) => Directory.CreateDirectory(_root.Combine(name)).FullName;

    public void Dispose() => _root.Dispose();
}
