using System.Net;
using System.Text;
using System.Text.Json;
using Jobstats.Deploy.Components;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>
/// The idle-GPU alert end to end with real programs: the prometheus.yml and rule file apply writes, run by a real
/// Prometheus that scrapes a stand-in exporter serving idle-GPU series, sending to the real Alertmanager (Debian's
/// prometheus-alertmanager), which forwards to a webhook receiver here. Only the timings are shortened for the test:
/// a 1 s scrape and evaluation interval (the file says 30 s) and the inventory's idle_gpu_for of 3 s.
/// </summary>
public class IdleGpuAlertmanagerEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alertmanager_receives_the_alert_for_the_idle_job_and_only_for_it()
    {
        using var root = new TempDirectory();
        int exporterPort = FreePort.Next(), prometheusPort = FreePort.Next(), alertmanagerPort = FreePort.Next(), hookPort = FreePort.Next();

        // The stand-in exporter: job 4242's two GPUs at 0%, job 4243's GPU busy, a device without a job at 0%.
        using var exporter = Serve(exporterPort, "/metrics/", _ => """
            # TYPE nvidia_gpu_duty_cycle gauge
            nvidia_gpu_duty_cycle{minor_number="0",jobid="4242",userid="1001"} 0
            nvidia_gpu_duty_cycle{minor_number="1",jobid="4242",userid="1001"} 0
            nvidia_gpu_duty_cycle{minor_number="2",jobid="4243",userid="1002"} 87
            nvidia_gpu_duty_cycle{minor_number="3",jobid="",userid=""} 0

            """);
        var received = new List<string>();
        using var hook = Serve(hookPort, "/hook/", body => { lock (received) received.Add(body); return ""; });

        var inventory = TestInventories.Local(root, sections: $"alerts:\n  idle_gpu_for: 3s\n  alertmanager: http://127.0.0.1:{alertmanagerPort}\n");
        await new Harness(inventory).ApplyAsync();

        // The rendered config as written, pointed at this test's files, ports and the stand-in exporter.
        string targets = root.Path + "/root/cm/shared/apps/jobstats/prometheus-targets";
        File.WriteAllText($"{targets}/{Layout.ExporterTargets}",
            "[{\"targets\": [\"127.0.0.1:" + exporterPort + "\"], \"labels\": {\"cluster\": \"labcluster\"}}]");
        string config = File.ReadAllText(root["/root" + Layout.PrometheusConfig])
            .Replace("/cm/shared/", root.Path + "/root/cm/shared/")
            .Replace(Layout.PrometheusAlertRules, root["/root" + Layout.PrometheusAlertRules])
            .Replace("scrape_interval: 30s", "scrape_interval: 1s")
            .Replace("evaluation_interval: 30s", "evaluation_interval: 1s")
            .Replace("localhost:9090", $"127.0.0.1:{prometheusPort}");
        Assert.Contains($"targets: ['127.0.0.1:{alertmanagerPort}']", config);
        File.WriteAllText(root["/prometheus.yml"], config);
        File.WriteAllText(root["/alertmanager.yml"], $"""
            route:
              receiver: test
              group_by: [alertname, jobid]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: test
                webhook_configs:
                  - url: http://127.0.0.1:{hookPort}/hook/
            """);

        await using var alertmanager = ServerProcess.Start("prometheus-alertmanager", [$"--config.file={root["/alertmanager.yml"]}",
            $"--storage.path={root["/am-data"]}", $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=",
            "--log.level=warn"]);
        await using var prometheus = ServerProcess.Start("prometheus", [$"--config.file={root["/prometheus.yml"]}",
            $"--storage.tsdb.path={root["/tsdb"]}", $"--web.listen-address=127.0.0.1:{prometheusPort}", "--log.level=warn"]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        JsonElement? alert = null;
        while (alert is null && DateTime.UtcNow < deadline)
        {
            Assert.False(prometheus.HasExited, "prometheus exited");
            Assert.False(alertmanager.HasExited, "alertmanager exited");
            await Task.Delay(500, Ct);
            string[] bodies;
            lock (received) bodies = [.. received];
            foreach (string body in bodies)
            {
                using var doc = JsonDocument.Parse(body);
                foreach (var a in doc.RootElement.GetProperty("alerts").EnumerateArray())
                    if (a.GetProperty("labels").GetProperty("alertname").GetString() == "JobstatsIdleGpus") alert = a.Clone();
            }
        }
        Assert.True(alert is not null, "Alertmanager forwarded no JobstatsIdleGpus alert within 90 s");
        var labels = alert.Value.GetProperty("labels");
        Assert.Equal("firing", alert.Value.GetProperty("status").GetString());
        Assert.Equal("4242", labels.GetProperty("jobid").GetString());
        Assert.Equal("labcluster", labels.GetProperty("cluster").GetString());
        Assert.Equal("1001", labels.GetProperty("userid").GetString());
        Assert.Equal("Job 4242 on cluster labcluster: its GPUs have been idle for 3s",
            alert.Value.GetProperty("annotations").GetProperty("summary").GetString());
        lock (received)
            Assert.DoesNotContain(received, body => body.Contains("\"jobid\":\"4243\"", StringComparison.Ordinal) || body.Contains("\"jobid\":\"\"", StringComparison.Ordinal));
    }

    /// <summary>A loopback HTTP endpoint answering every request under <paramref name="prefix"/> with the text <paramref name="answer"/> gives for its body.</summary>
    private static HttpListener Serve(int port, string prefix, Func<string, string> answer)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}{prefix}");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
                byte[] bytes = Encoding.UTF8.GetBytes(answer(body));
                context.Response.ContentType = "text/plain; version=0.0.4";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
        return listener;
    }
}
