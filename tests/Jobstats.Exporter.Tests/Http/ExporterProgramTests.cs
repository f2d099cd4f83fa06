using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Jobstats.Exporter.Tests.Gpu;
using Jobstats.Exporter.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Exporter.Tests.Http;

/// <summary>The published NativeAOT jobstats-exporter as users run it.</summary>
public sealed class ExporterProgramTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Help_lists_every_flag_with_examples_and_version_prints()
    {
        var help = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"), ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var flag in new[] { "--listen-address", "--cgroup-root", "--gpustat-dir", "--nvml-library", "--no-cgroup-collector",
                     "--no-gpu-collector", "--collect-steps", "--web.config.file", "--log-level", "--version", "Examples:" })
            Assert.Contains(flag, help.StandardOutput);
        var version = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"), ["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("0.1.0", version.StandardOutput);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("--listen-address", "nonsense")]
    [InlineData("--listen-address", "127.0.0.1:99999")]
    [InlineData("--log-level", "loud")]
    public void Usage_errors_exit_2_with_a_message(params string[] arguments)
    {
        var result = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"), arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("jobstats-exporter:", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Serves_text_and_openmetrics_and_gpu_metrics_through_the_fake_nvml()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "42");
        using var nvml = FakeNvml.Build(_root.Combine("nvml"), "gpu 3 GPU-abcdef01-0000-0000-0000-000000000000 1000 250 12 70000 44 - NVIDIA A100");
        // The config goes through FAKE_NVML_CONFIG here (the fake's documented switch), not the sidecar file.
        var config = _root.Combine("nvml-env.conf");
        File.Move(nvml.ConfigPath, config);
        Directory.CreateDirectory(_root.Combine("gpustat"));
        File.WriteAllText(_root.Combine("gpustat", "0"), "42 1000\n");

        using var exporter = new ExporterProcess(
            ["--cgroup-root", _root.Path, "--gpustat-dir", _root.Combine("gpustat"), "--nvml-library", nvml.LibraryPath],
            new Dictionary<string, string> { ["FAKE_NVML_CONFIG"] = config });

        var cancel = TestContext.Current.CancellationToken;
        var text = await exporter.Client.GetAsync($"http://127.0.0.1:{exporter.Port}/metrics", cancel);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", text.Content.Headers.ContentType?.ToString());
        var body = await text.Content.ReadAsStringAsync(cancel);
        Assert.Contains("cgroup_cpu_total_seconds{jobid=\"42\",step=\"\",task=\"\"} 21.987324835\n", body);
        Assert.Contains("nvidia_gpu_duty_cycle{ordinal=\"0\",minor_number=\"3\",uuid=\"GPU-abcdef01-0000-0000-0000-000000000000\",name=\"NVIDIA A100\",GPU_I_ID=\"\",jobid=\"42\",userid=\"1000\"} 12\n", body);
        Assert.Contains("jobstats_exporter_collector_success{collector=\"gpu\"} 1\n", body);
        Assert.DoesNotContain("# EOF", body);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{exporter.Port}/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        var open = await exporter.Client.SendAsync(request, cancel);
        Assert.StartsWith("application/openmetrics-text", open.Content.Headers.ContentType?.ToString());
        Assert.EndsWith("# EOF\n", await open.Content.ReadAsStringAsync(cancel));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await exporter.Client.GetAsync($"http://127.0.0.1:{exporter.Port}/nope", cancel)).StatusCode);
        Assert.Contains("GPU collector enabled", exporter.Stderr);
    }

    [Fact]
    public void Garbage_requests_get_400_and_the_server_keeps_serving()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        foreach (var garbage in new[] { "\x00\x01\x02 nonsense\r\n\r\n", "GET\r\n\r\n", new string('A', 20000) })
        {
            using var client = new TcpClient("127.0.0.1", exporter.Port);
            var stream = client.GetStream();
            try
            {
                stream.Write(Encoding.Latin1.GetBytes(garbage));
                var reply = new StreamReader(stream).ReadToEnd();
                Assert.StartsWith("HTTP/1.1 400", reply);
            }
            catch (IOException)
            {
                // The server may close an oversized request before reading all of it; that is fine too.
            }
        }
        Assert.Contains("# TYPE cgroup_cpu_total_seconds gauge", exporter.Scrape());
        Assert.DoesNotContain("gpu", exporter.Scrape());
    }

    [Fact]
    public void A_busy_port_exits_1_and_sigterm_exits_0()
    {
        using var first = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        var second = RealProcess.Run(Repository.PublishedProgram("jobstats-exporter"),
            ["--listen-address", $"127.0.0.1:{first.Port}", "--cgroup-root", _root.Path, "--no-gpu-collector"], timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Address already in use", second.StandardError);

        Assert.Equal(0, first.Terminate());
        Assert.Contains("stopping", first.Stderr);
    }

    [Fact]
    public void Sigint_stops_the_exporter_with_exit_0_as_documented()
    {
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-gpu-collector"]);
        Assert.Equal(0, exporter.Terminate("INT"));
        Assert.Contains("stopping", exporter.Stderr);
        Assert.DoesNotContain("   at ", exporter.Stderr);
    }

    [Fact]
    public void Disabling_the_cgroup_collector_leaves_only_gpu_and_status_metrics()
    {
        CgroupTree.V1(_root.Path, "slurm", "1000", "42");
        using var exporter = new ExporterProcess(["--cgroup-root", _root.Path, "--no-cgroup-collector", "--nvml-library", _root.Combine("absent.so")]);
        var text = exporter.Scrape();
        Assert.DoesNotContain("cgroup_", text);
        Assert.Contains("jobstats_exporter_gpu_collector_enabled{reason=", text);
    }
}
