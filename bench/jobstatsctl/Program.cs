using System.Diagnostics;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Processes;
using Jobstats.Testing;

// Plan time for 1,000 compute nodes: image mode against a real image directory (empty, then converged), ssh mode
// over an in-process transport (no latency, then a simulated 2 ms per round trip), and one whole-cluster inventory
// (three BCM categories, each into its image, through a fake cmsh) against four single-target inventories.
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

    // Whole cluster: 1,000 nodes in three BCM categories, each booting from its own image directory, and the head
    // node's Prometheus onto a local root. Baseline, measured in the same run: what an admin ran before `targets:`,
    // one single-target inventory per image plus one for the head node, planned one after another.
    string[] categories = ["dgx", "hgx", "l40s"];
    int[] sizes = [400, 400, 200];
    var cmshState = new List<string>();
    for (var i = 0; i < categories.Length; i++)
    {
        var first = sizes.Take(i).Sum() + 1;
        cmshState.Add($"category.{categories[i]}.nodes={string.Join(',', Enumerable.Range(first, sizes[i]).Select(n => $"{categories[i]}-{n:D4}"))}");
        cmshState.Add($"category.{categories[i]}.softwareimage={categories[i]}-image");
        cmshState.Add($"image.{categories[i]}-image.path={work}/wc/images/{categories[i]}-image");
        Directory.CreateDirectory($"{work}/wc/images/{categories[i]}-image");
    }
    using var cmsh = new FakeCmsh([.. cmshState]);
    var whole = InventoryLoader.Parse($"""
        cluster: bench
        bcm: {"{"} enabled: true, head_node: head, cmsh: {cmsh.Program} {"}"}
        roles:
          prometheus: [head]
          compute: ['category:dgx', 'category:hgx', 'category:l40s']
        targets:
          state_dir: /state
          head_node: {"{"} root: {work}/wc/head, manage_services: false {"}"}
        prometheus: {"{"} mode: existing {"}"}
        binaries: {"{"} jobstats_dir: {published} {"}"}
        """);
    var client = new CmshClient(cmsh.Program, new ProcessRunner());
    var wholeRoles = await RoleResolver.ResolveAsync(whole, client, CancellationToken.None);
    var wholeDeployment = DeploymentBuilder.Build(whole, wholeRoles);
    var wholeTargets = new TargetFactory(whole, new ProcessRunner());
    Console.WriteLine($"whole cluster: {wholeRoles.Hosts(RoleNames.Compute).Count} nodes in {categories.Length} categories, places {string.Join(", ", wholeDeployment.Hosts.Select(h => $"{h.Name} ({h.Resources.Count})"))}");
    Measure("whole cluster, cmsh lookups (3 categories: nodes, image, path)", 3, async () => await RoleResolver.ResolveAsync(whole, client, CancellationToken.None));
    Measure("whole cluster, empty images (everything to create)", 1, async () => await new Planner(wholeTargets, client).PlanAsync(wholeDeployment, CancellationToken.None));
    await new Applier(wholeTargets, client, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(wholeDeployment, CancellationToken.None);

    // The same places as four single-target inventories (their state apart, as separate inventories keep it).
    var separate = categories.Select((c, i) => InventoryLoader.Parse(Yaml(
            $"{{ kind: image, root: {work}/wc/images/{c}-image, shared_root: {work}/wc/sep-head, state_dir: /state-{c} }}")
        .Replace($"compute: ['dgx-[0001-{Nodes:D4}]']", $"compute: ['{c}-[{sizes.Take(i).Sum() + 1:D4}-{sizes.Take(i + 1).Sum():D4}]']")
        .Replace("  login: [login1]\n  prometheus: [head]\n", "")))
        .Append(InventoryLoader.Parse(Yaml($"{{ kind: local, root: {work}/wc/sep-head, manage_services: false, state_dir: /state-head }}")
            .Replace($"  compute: ['dgx-[0001-{Nodes:D4}]']\n  login: [login1]\n", "")))
        .ToList();
    var separateDeployments = new List<(Deployment, TargetFactory)>();
    foreach (var inv in separate)
        separateDeployments.Add((DeploymentBuilder.Build(inv, await RoleResolver.ResolveAsync(inv, null, CancellationToken.None)), new TargetFactory(inv, new ProcessRunner())));
    foreach (var (d, f) in separateDeployments) await new Applier(f, null, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(d, CancellationToken.None);

    var baseline = Measure("baseline: 4 single-target inventories, converged, planned one after another", 5, async () =>
    {
        foreach (var (d, f) in separateDeployments)
            if ((await new Planner(f, null).PlanAsync(d, CancellationToken.None)).HasChanges) throw new InvalidOperationException("separate inventories should be converged");
    });
    var plan = Measure("whole cluster, converged, one plan", 5, async () =>
    {
        var p = await new Planner(wholeTargets, client).PlanAsync(wholeDeployment, CancellationToken.None);
        if (p.HasChanges || p.HasErrors) throw new InvalidOperationException("whole cluster should be converged: " + string.Join("; ", p.Hosts.Select(h => h.Error)));
    });
    var apply = Measure("whole cluster, converged apply (0 changes)", 5, async () =>
    {
        var results = await new Applier(wholeTargets, client, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(wholeDeployment, CancellationToken.None);
        if (results.Any(r => !r.Succeeded || r.Changed > 0)) throw new InvalidOperationException("a converged apply should change nothing");
    });
    Console.WriteLine($"  ratios to the baseline: plan {plan / baseline:F2}, converged apply {apply / baseline:F2}");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Measure(string name, int runs, Func<Task> body)
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
    return times[times.Count / 2];
}
