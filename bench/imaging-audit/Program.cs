using System.Diagnostics;
using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;

// Figures for the imaging audit's hot paths: exclude-list matching (paths x rules) and a whole audit of an image
// root holding a realistic number of files.
const int PathCount = 20_000;
var random = new Random(1);
var components = new[] { "etc", "usr", "local", "bin", "lib", "var", "cm", "shared", "apps", "slurm", "prometheus", "wal", "x86_64-linux-gnu", "share", "doc" };
var paths = Enumerable.Range(0, PathCount)
    .Select(_ => "/" + string.Join('/', Enumerable.Range(0, random.Next(2, 8)).Select(_ => components[random.Next(components.Length)])) + $"/file{random.Next(1000)}.so")
    .ToArray();

foreach (var ruleCount in new[] { 10, 100, 1000 })
{
    var lines = Enumerable.Range(0, ruleCount).Select(i => (i % 4) switch
    {
        0 => $"- /{components[i % components.Length]}/{components[(i * 7) % components.Length]}/*",
        1 => $"- **/{components[i % components.Length]}{i}/",
        2 => $"- *.log{i}",
        _ => $"- /cm/shared/apps/x{i}/***",
    });
    var filter = ExcludeListParser.Parse(ExcludeListKind.Grab, string.Join('\n', lines), "bench").PlainFilter;
    var watch = Stopwatch.StartNew();
    var transferred = paths.Count(p => filter.Decide(p, false).Transferred);
    watch.Stop();
    Console.WriteLine($"match  {ruleCount,5} rules x {PathCount} paths: {watch.Elapsed.TotalMilliseconds,8:F0} ms  ({PathCount / watch.Elapsed.TotalSeconds,10:F0} paths/s, {transferred} transferred)");
}

var root = Directory.CreateTempSubdirectory("jobstats-audit-bench-").FullName;
try
{
    var image = Directory.CreateDirectory(Path.Combine(root, "image")).FullName;
    var shared = Directory.CreateDirectory(Path.Combine(root, "shared")).FullName;
    var plan = DeploymentPlan(root, image, shared);
    var roles = plan.Roles;
    var owned = plan.Paths;
    foreach (var path in owned)
    {
        var baseDir = path.Path.StartsWith("/cm/shared", StringComparison.Ordinal) ? shared : image;
        var full = Path.Combine(baseDir, path.Path.TrimStart('/'));
        switch (path.Kind)
        {
            case AuditedPathKind.File or AuditedPathKind.Unit:
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, "setting: value\n");
                break;
            case AuditedPathKind.Directory:
                Directory.CreateDirectory(full);
                break;
            case AuditedPathKind.Symlink:
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.CreateSymbolicLink(full, path.SymlinkTarget!);
                break;
        }
    }
    const int EtcFiles = 5_000; // a DGX image's /etc holds a few thousand files; the secrets scan reads them all
    for (var i = 0; i < EtcFiles; i++)
    {
        var file = Path.Combine(image, "etc", $"d{i % 100}", $"f{i}.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, $"key{i} = value\n");
    }
    File.WriteAllText(Path.Combine(image, "etc", "passwd"), "root:x:0:0::/root:/bin/bash\n");
    var lists = ExcludeListFile.Parse("[excludelistgrab]\n- /proc/*\n- /cm/shared/\n", "bench");
    var request = new AuditRequest("dgx", "dgx-image", roles, owned, lists, image, SharedStorageRoot: shared);
    ImagingAuditor.Run(request); // warm-up
    var watch = Stopwatch.StartNew();
    const int Runs = 5;
    AuditReport? report = null;
    for (var i = 0; i < Runs; i++)
    {
        report = ImagingAuditor.Run(request);
    }
    watch.Stop();
    Console.WriteLine($"audit  image with {owned.Count} owned paths and {EtcFiles} files under /etc: {watch.Elapsed.TotalMilliseconds / Runs,8:F0} ms per audit ({report!.Findings.Count} findings, verdict {report.Verdict})");
}
finally
{
    Directory.Delete(root, recursive: true);
}

// The paths apply writes for a category serving compute and login, from the deployment model as audit-image gets them.
static AuditPlan DeploymentPlan(string root, string image, string shared)
{
    var binaries = Directory.CreateDirectory(Path.Combine(root, "published")).FullName;
    foreach (var name in new[] { "jobstats", "jobstats-fleet", "jobstats-summaries", "jobstats-exporter" })
        File.WriteAllText(Path.Combine(binaries, name), "#!/bin/sh\n");
    var inventory = InventoryLoader.Parse($$"""
        cluster: bench
        bcm: { enabled: true, cmsh: /nonexistent/cmsh }
        slurm: { conf: /cm/shared/apps/slurm/var/etc/slurm.conf, settings_via: cmsh }
        roles:
          compute: ['category:dgx']
          login: ['category:dgx']
        target: { kind: image, root: {{image}}, shared_root: {{shared}} }
        prometheus: { mode: existing }
        binaries: { jobstats_dir: {{binaries}} }
        """, "bench.yaml");
    var roles = RoleResolver.ResolveAsync(inventory, null, CancellationToken.None, offline: true).GetAwaiter().GetResult();
    return DeploymentAuditPlan.Create(DeploymentBuilder.Build(inventory, roles), "dgx", "dgx-image", image);
}
