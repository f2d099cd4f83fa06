using Jobstats.Deploy.Rendering;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.Targets;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>Runs the rendered slurmctld epilog with a stand-in jobstats that records how it was called.</summary>
public class SlurmctldEpilogScriptTests
{
    private static async Task<(string Script, string Record)> RenderAsync(TempDirectory root, int fakeExit)
    {
        var record = root["/calls"];
        var fakeJobstats = root["/jobstats"];
        File.WriteAllText(fakeJobstats, $"#!/bin/bash\necho \"SLURM_CONF=$SLURM_CONF args=$*\" >> '{record}'\nexit {fakeExit}\n");
        File.SetUnixFileMode(fakeJobstats, (UnixFileMode)FileModes.Executable);
        var script = Template.Render("epilog", EmbeddedAssets.Instance.TryRead("slurm/slurmctld-epilog-jobstats.sh")!, new Dictionary<string, string>
        {
            ["slurm_conf"] = ShellQuote.Quote("/etc/slurm dir/slurm.conf"),
            ["jobstats_bin"] = ShellQuote.Quote(fakeJobstats),
            ["store_timeout_seconds"] = "20",
        });
        var path = root["/epilog.sh"];
        await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);
        return (path, record);
    }

    [Fact]
    public async Task Exports_slurm_conf_only_queues_the_job_and_exits_0_at_once_even_when_queuing_fails()
    {
        using var root = new TempDirectory();
        var (script, record) = await RenderAsync(root, fakeExit: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await Tools.RunAsync("env", "-i", "PATH=/usr/bin:/bin", "SLURM_JOB_ID=4242", "bash", script);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("SLURM_CONF=/etc/slurm dir/slurm.conf args=queue --syslog 4242", File.ReadAllText(record).Trim());
        // slurmctld waits for its epilogs: no settling sleep, no Slurm or Prometheus call here any more.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the epilog took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("12;reboot")]
    [InlineData("$(id)")]
    public async Task Invalid_job_ids_never_reach_jobstats(string jobId)
    {
        using var root = new TempDirectory();
        var (script, record) = await RenderAsync(root, fakeExit: 0);
        var result = await Tools.RunAsync("env", "-i", "PATH=/usr/bin:/bin", $"SLURM_JOB_ID={jobId}", "bash", script);
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(record));
    }
}
