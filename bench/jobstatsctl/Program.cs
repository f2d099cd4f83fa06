using System.Diagnostics;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;

// Plan time for 1,000 compute nodes: image mode against a real image directory (empty, then converged), and ssh
// mode over an in-process transport (no latency, then a simulated 2 ms per round trip).
const int Nodes = 1000;
var work = Directory.CreateTempSubdirectory("jobstatsctl-bench-").FullName;
try
{
    var published = Path.Combine(work, "published");
    Directory.CreateDirectory(published);
    var blob = new byte[15 * 1024 * 1024]; // about the size of a NativeAOT build
    Random.Shared.NextBytes(blob);
    foreach (var name in new[] { "jobstats", "jobstats-summaries", "jobstats-exporter" }) File.WriteAllBytes(Path.Combine(published, name), blob);

    string Yaml(string target) => $"""
        cluster: bench
        roles:
          compute: ['dgx-[0001-{Nodes:D4}]']
          login: [login1]
          prometheus: [head]
        target: {target}
        prometheus: {"{"} mode: existing {"}"}
        binaries: {"{"} jobstats_dir: {published} {"}"}
        """;

    // Image mode: one image for all 1,000 nodes plus the head node's shared files.
    var image = InventoryLoader.Parse(Yaml($"{{ kind: image, root: {work}/images/dgx, shared_root: {work}/head, state_dir: /state }}"));
    Directory.CreateDirectory($"{work}/images/dgx");
    var imageDeployment = DeploymentBuilder.Build(image, await RoleResolver.ResolveAsync(image, null, CancellationToken.None));
    var factory = new TargetFactory(image, new ProcessRunner());
    Measure("image mode, empty image (everything to create)", 1, async () => await new Planner(factory, null).PlanAsync(imageDeployment, CancellationToken.None));
    await new Applier(factory, null, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(imageDeployment, CancellationToken.None);
    Measure("image mode, converged image", 5, async () =>
    {
        var plan = await new Planner(factory, null).PlanAsync(DeploymentBuilder.Build(image, await RoleResolver.ResolveAsync(image, null, CancellationToken.None)), CancellationToken.None);
        if (plan.HasChanges) throw new InvalidOperationException("converged image should have no changes");
    });

    // ssh mode: 1,000 + 2 hosts, each answering state reads in-process.
    var ssh = InventoryLoader.Parse(Yaml("{ kind: ssh, manage_services: true }"));
    var sshDeployment = DeploymentBuilder.Build(ssh, await RoleResolver.ResolveAsync(ssh, null, CancellationToken.None));
    var state = new Dictionary<string, PathInfo>(StringComparer.Ordinal);
    foreach (var r in sshDeployment.Hosts.SelectMany(h => h.Resources))
        state[r.Path ?? r.Key] = r switch
        {
            FileResource f => new PathInfo(PathKind.File, f.Mode!.Value, f.Owner, f.Group, f.Content.Sha256),
            DirectoryResource d => new PathInfo(PathKind.Directory, d.Mode!.Value, d.Owner, d.Group),
            SymlinkResource s => new PathInfo(PathKind.Symlink, LinkTarget: s.LinkTarget),
            _ => PathInfo.Missing,
        };
    Console.WriteLine($"ssh deployment: {sshDeployment.Hosts.Count} hosts, {sshDeployment.Hosts.Sum(h => h.Resources.Count)} resources");
    foreach (var latency in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(2) })
    {
        var fake = new InMemoryTargetFactory(host =>
        {
            var target = new InMemoryTarget(host, roundTrip: latency);
            foreach (var (path, info) in state) target.Put(path, info);
            return target;
        });
        // Seeded before the clock starts: the measure is the plan, not filling dictionaries.
        foreach (var host in sshDeployment.Hosts) _ = fake[host.Name];
        Measure($"ssh mode, fake transport, {latency.TotalMilliseconds:0} ms/round trip, converged, parallelism 16", 3, async () =>
        {
            var plan = await new Planner(fake, null, 16).PlanAsync(sshDeployment, CancellationToken.None);
            if (plan.HasChanges || plan.HasErrors) throw new InvalidOperationException("fake hosts should be converged");
        });
        Console.WriteLine($"  round trips per plan: {fake.RoundTrips / 3}");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Measure(string name, int runs, Func<Task> body)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        body().GetAwaiter().GetResult();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name}: median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms, max {times[^1]:F1} ms ({runs} run(s))");
}
