using System.Net;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Deploy;

/// <summary>
/// Without systemd as PID 1 (this machine, CI), apply runs each unit's ExecStart detached with a pid file, verify
/// sees the services and their endpoints, and uninstall stops them by pid. node_exporter is the real Debian one.
/// </summary>
public sealed class ServiceFallbackTests : IDisposable
{
    private readonly TempDirectory _dir = new("jobstats-services-");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_starts_services_verify_checks_them_uninstall_stops_them()
    {
        Assert.True(File.Exists("/usr/bin/prometheus-node-exporter"), "prometheus-node-exporter is not installed (scripts/install-deps)");
        var published = _dir.Combine("published");
        Directory.CreateDirectory(published);
        // Stand-in exporter serving one metric line; the real one belongs to the exporter's own tests. It takes two
        // seconds to listen, as a loaded node might: verify right after apply waits for a running service's port.
        File.WriteAllText(Path.Combine(published, "jobstats-exporter"), """
            #!/bin/sh
            port=${2#:}
            sleep 2
            exec python3 -c 'import http.server,sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body=b"cgroup_cpus{jobid=\"1\",step=\"\",task=\"\"} 2\n"
                    self.send_response(200); self.end_headers(); self.wfile.write(body)
                def log_message(self,*a): pass
            http.server.HTTPServer(("127.0.0.1",int(sys.argv[1])),H).serve_forever()' "$port"
            """.Replace("\r", ""));
        var (exporterPort, nodePort, promPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var inventory = InventoryLoader.Parse($"""
            cluster: svc
            roles: {"{"} compute: [lab1] {"}"}
            target: {"{"} kind: local, root: {_dir.Path}/root, manage_services: true {"}"}
            prometheus: {"{"} url: "http://127.0.0.1:{promPort}" {"}"}
            ports: {"{"} exporter: {exporterPort}, node_exporter: {nodePort} {"}"}
            binaries: {"{"} jobstats_dir: {published} {"}"}
            """, "svc.yaml");
        var deployment = DeploymentBuilder.Build(inventory, await RoleResolver.ResolveAsync(inventory, null, Ct));
        var targets = new TargetFactory(inventory, new ProcessRunner());
        try
        {
            var results = await new Applier(targets, null, new ApplyOptions(), SilentObserver.Instance).ApplyAsync(deployment, Ct);
            Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
            var pids = new[] { "jobstats-exporter", "node_exporter" }.Select(n => int.Parse(File.ReadAllText($"{_dir.Path}/root/run/jobstats/{n}.pid").Trim())).ToList();
            Assert.All(pids, pid => Assert.True(Directory.Exists($"/proc/{pid}"), $"pid {pid} not running"));

            var plan = await new Planner(targets, null).PlanAsync(deployment, Ct);
            Assert.False(plan.HasChanges);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var checks = (await new Verifier(targets, http, new ProcessRunner()).VerifyAsync(deployment, null, "/bin/false", Ct)).Checks;
            Assert.Contains(checks, c => c is { Check: "service node_exporter", Passed: true });
            Assert.Contains(checks, c => c is { Check: "service jobstats-exporter", Passed: true });
            Assert.Contains(checks, c => c is { Check: "node_exporter metrics", Passed: true } && c.Reason.Contains("node_cpu_seconds_total"));
            Assert.Contains(checks, c => c is { Check: "jobstats-exporter metrics", Passed: true } && c.Reason.Contains("cgroup_"));
            // No Prometheus listens on that port: the check fails and says why rather than throwing.
            Assert.Contains(checks, c => c is { Check: "prometheus targets", Passed: false } && c.Reason.Contains($"127.0.0.1:{promPort}"));

            var removed = await new Uninstaller(targets, null, _ => { }).UninstallAsync(deployment, Ct);
            Assert.All(removed, r => Assert.True(r.Succeeded, r.Error));
            Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), $"pid {pid} still running"));
            Assert.False(File.Exists(_dir["/root/run/jobstats/node_exporter.pid"]));
        }
        finally
        {
            foreach (var name in new[] { "jobstats-exporter", "node_exporter" })
                await using (var target = targets.Open(deployment.Hosts[0]))
                    await ServiceResource.StopAsync(target, name, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _dir.Dispose();
    }
}
