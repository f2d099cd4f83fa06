using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Resources;
using Jobstats.Processes;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Deploy.Engine;

/// <summary>Proves a deployment works: our files as applied (content, mode, owner), services running, endpoints serving
/// the expected metrics, Prometheus scraping them with the cluster label, Slurm settings in place, and optionally a
/// real jobstats report.</summary>
public sealed class Verifier(ITargetFactory targets, HttpClient http, IProcessRunner runner, Jobstats.Deploy.Bcm.CmshClient? cmsh = null)
{
    /// <summary>How long a service that runs but refuses connections is given to start listening, counted from the
    /// start of verify: `apply &amp;&amp; verify` checks services a moment after they were started.</summary>
    public TimeSpan StartupGrace { get; init; } = TimeSpan.FromSeconds(15);

    private long _graceEnds;

    /// <summary>Why <paramref name="id"/> is not a job id, or null: jobstats' own rule, so verify refuses exactly
    /// what jobstats would, before anything runs.</summary>
    internal static string? JobIdProblem(string id) => JobIdentifier.TryParse(id, out _, out var problem) ? null : problem;

    public async Task<VerifyDocument> VerifyAsync(Deployment deployment, string? jobId, string jobstatsProgram, CancellationToken ct)
    {
        var doc = new VerifyDocument();
        var inv = deployment.Inventory;
        _graceEnds = Environment.TickCount64 + (long)StartupGrace.TotalMilliseconds;
        using var exporterHttp = ExporterClient(inv.Exporter, out var exporterProblem);
        var exporterScheme = inv.Exporter.Tls is null ? "http" : "https";
        foreach (var host in deployment.Hosts)
        {
            var target = targets.Open(host);
            await using var disposeTarget = target.ConfigureAwait(false);
            doc.Checks.Add(await FileDriftCheck.RunAsync(targets, cmsh, deployment, host, target, ct).ConfigureAwait(false));
            // An image or the head node's shared storage holds files only: nothing runs there to check.
            if (host.Placement != Placement.Host) continue;
            var address = (host.Target ?? inv.Target).Kind == TargetKind.Local ? "127.0.0.1" : host.Name;
            var running = new HashSet<string>(StringComparer.Ordinal);
            foreach (var service in host.Resources.OfType<ServiceResource>())
            {
                var up = await ServiceResource.IsRunningAsync(target, service.Name, await target.HasSystemdAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                if (up) running.Add(service.Name);
                doc.Checks.Add(up ? CheckResult.Pass($"service {service.Name}", host.Name, "running")
                                  : CheckResult.Fail($"service {service.Name}", host.Name, "not running"));
            }
            if (host.Roles.Contains(RoleNames.Compute))
            {
                var exporterUrl = $"{exporterScheme}://{address}:{inv.Ports.Exporter}/metrics";
                doc.Checks.Add(exporterProblem is not null
                    ? CheckResult.Fail("jobstats-exporter metrics", host.Name, $"{exporterUrl}: {exporterProblem}")
                    : await EndpointAsync("jobstats-exporter metrics", host.Name, exporterUrl, ["cgroup_", "nvidia_gpu_", "jobstats_exporter_"], running.Contains("jobstats-exporter"), ct, exporterHttp).ConfigureAwait(false));
                doc.Checks.Add(await EndpointAsync("node_exporter metrics", host.Name, $"http://{address}:{inv.Ports.NodeExporter}/metrics", ["node_cpu_seconds_total"], running.Contains("node_exporter"), ct).ConfigureAwait(false));
            }
            if (host.Roles.Contains(RoleNames.Controller) && inv.Slurm.SettingsVia == SlurmSettingsVia.SlurmConf)
            {
                var bytes = await target.ReadFileAsync(inv.Slurm.Conf, ct).ConfigureAwait(false);
                var problems = bytes is null ? [$"{inv.Slurm.Conf} not found"] : SlurmConfChecks.Problems(SlurmConfChecks.Parse(System.Text.Encoding.UTF8.GetString(bytes)), Layout.SlurmctldEpilog);
                doc.Checks.Add(problems.Count == 0 ? CheckResult.Pass("slurm settings", host.Name, "cgroup accounting, gres/gpu TRES and EpilogSlurmctld set")
                                                   : CheckResult.Fail("slurm settings", host.Name, string.Join("; ", problems)));
            }
        }
        if (inv.Slurm.SettingsVia == SlurmSettingsVia.Cmsh && cmsh is not null && deployment.Roles.Has(RoleNames.Controller))
            doc.Checks.Add(await CmshSettingsAsync(cmsh, ct).ConfigureAwait(false));
        doc.Checks.Add(await PrometheusTargetsAsync(inv, deployment.Roles.Hosts(RoleNames.Compute).Count, ct).ConfigureAwait(false));
        if (jobId is not null) doc.Checks.Add(await JobReportAsync(jobId, jobstatsProgram, ct).ConfigureAwait(false));
        return doc;
    }

    private static async Task<CheckResult> CmshSettingsAsync(Jobstats.Deploy.Bcm.CmshClient cmsh, CancellationToken ct)
    {
        const string check = "slurm settings (cmsh)";
        try
        {
            var problems = new List<string>();
            var epilog = await cmsh.GetWlmAsync("", "epilogslurmctld", ct).ConfigureAwait(false);
            if (epilog != Layout.SlurmctldEpilog) problems.Add($"epilogslurmctld is '{epilog}', needs {Layout.SlurmctldEpilog}");
            foreach (var key in new[] { "constraincores", "constrainramspace" })
            {
                var value = await cmsh.GetWlmAsync("cgroups", key, ct).ConfigureAwait(false);
                if (!value.Equals("yes", StringComparison.OrdinalIgnoreCase)) problems.Add($"cgroups {key} is '{value}', needs yes");
            }
            return problems.Count == 0 ? CheckResult.Pass(check, "head-node", "epilogslurmctld and cgroup constraints set")
                                       : CheckResult.Fail(check, "head-node", string.Join("; ", problems));
        }
        catch (Jobstats.Deploy.Bcm.CmshException e)
        {
            return CheckResult.Fail(check, "head-node", e.Message);
        }
    }

    /// <param name="serviceRunning">The service behind the endpoint runs: a refused connection is then taken as a
    /// service still starting and retried until the startup grace ends.</param>
    private async Task<CheckResult> EndpointAsync(string check, string host, string url, string[] expected, bool serviceRunning, CancellationToken ct,
        HttpClient? client = null)
    {
        while (true)
        {
            try
            {
                var text = await (client ?? http).GetStringAsync(url, ct).ConfigureAwait(false);
                var found = expected.Where(e => text.Contains(e, StringComparison.Ordinal)).ToList();
                return found.Count > 0 ? CheckResult.Pass(check, host, $"{url} serves {string.Join(", ", found)}")
                                       : CheckResult.Fail(check, host, $"{url} answered but has none of {string.Join(", ", expected)}");
            }
            catch (HttpRequestException e) when (serviceRunning && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                                                 && Environment.TickCount64 < _graceEnds)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return CheckResult.Fail(check, host, $"{url}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The client for the exporters when the inventory secures them, as Prometheus will scrape them: trusting only the
    /// inventory's CA (checking the name as server_name when given), sending the basic-auth password. Null for plain
    /// HTTP, and null with <paramref name="problem"/> set when the CA or password file cannot be read.
    /// </summary>
    private static HttpClient? ExporterClient(ExporterSecurity security, out string? problem)
    {
        problem = null;
        if (security.Tls is not { } tls) return null;
        var authorities = new X509Certificate2Collection();
        string? password = null;
        try
        {
            authorities.ImportFromPemFile(tls.CaFile);
            if (security.BasicAuth is { } auth) password = ExporterWebConfig.ReadPassword(auth.PasswordFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or InvalidDataException)
        {
            problem = e.Message;
            return null;
        }
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not X509Certificate2 presented) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                    // The chain is checked here against the CA alone; the name against the URL's host, or server_name.
                    var nameMatches = tls.ServerName is null
                        ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                        : presented.MatchesHostname(tls.ServerName);
                    return nameMatches && chain.Build(presented);
                },
            },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        if (security.BasicAuth is { } basic)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{basic.Username}:{password}")));
        return client;
    }

    private async Task<CheckResult> PrometheusTargetsAsync(Inventory inv, int computeNodes, CancellationToken ct)
    {
        const string check = "prometheus targets";
        var url = inv.Prometheus.Url.TrimEnd('/') + "/api/v1/targets?state=active";
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(url, ct).ConfigureAwait(false));
            var ours = doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Where(t => t.GetProperty("labels").TryGetProperty("cluster", out var c) && c.GetString() == inv.Cluster)
                .Where(t => t.GetProperty("labels").TryGetProperty("job", out var j) && j.GetString() is "jobstats-exporter" or "node-exporter"
                            || t.GetProperty("scrapeUrl").GetString()?.Contains($":{inv.Ports.Exporter}/", StringComparison.Ordinal) == true)
                .Select(t => (Url: t.GetProperty("scrapeUrl").GetString() ?? "", Health: t.GetProperty("health").GetString() ?? ""))
                .ToList();
            if (ours.Count == 0) return CheckResult.Fail(check, RoleNames.Prometheus, $"no active target carries cluster=\"{inv.Cluster}\" (expected {computeNodes * 2})");
            var down = ours.Where(t => t.Health != "up").ToList();
            return down.Count == 0
                ? CheckResult.Pass(check, RoleNames.Prometheus, $"{ours.Count} target(s) up with cluster=\"{inv.Cluster}\"")
                : CheckResult.Fail(check, RoleNames.Prometheus, $"{down.Count} of {ours.Count} down: {string.Join(", ", down.Take(5).Select(d => $"{d.Url} ({d.Health})"))}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return CheckResult.Fail(check, RoleNames.Prometheus, $"{url}: {e.Message}");
        }
    }

    private async Task<CheckResult> JobReportAsync(string jobId, string program, CancellationToken ct)
    {
        var check = $"jobstats {jobId}";
        if (!JobIdentifier.TryParse(jobId, out var id, out var problem)) return CheckResult.Fail(check, RoleNames.Login, problem);
        var result = await runner.RunAsync(new ProcessRequest(program, [id.Text], TimeSpan.FromSeconds(60)), ct).ConfigureAwait(false);
        return result.Succeeded && result.StandardOutput.Contains(id.Text, StringComparison.Ordinal)
            ? CheckResult.Pass(check, RoleNames.Login, "report printed")
            : CheckResult.Fail(check, RoleNames.Login, result.Describe());
    }
}
