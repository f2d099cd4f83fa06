using Jobstats.Prometheus.Api;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Testing;

namespace Jobstats.Cli.Tests.Reporting;

/// <summary>A finished job whose AdminComment is empty is read from the external store through jobstats-summaries.</summary>
public class ExternalSummaryReaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly JobRecord Finished = new()
    {
        JobId = "88", JobIdRaw = "88", Cluster = "lab", User = "alice", Account = "physics", JobName = "x", State = "COMPLETED",
        Nodes = 1, Cores = 4, ReqMem = "8G", Qos = "normal", Partition = "cpu", Start = 1735732800, End = 1735736400,
        TimeLimitText = "120", TimeLimitMinutes = 120, Gpus = 0, AdminComment = "", AllocTres = "cpu=4,mem=8G,node=1",
    };

    private static string Stored()
    {
        var usage = new JobUsage();
        var node = usage.Node("node1");
        node.Cpus = Figure.Integer(4);
        node.TotalTime = Figure.Integer(7000);
        node.TotalMemory = Figure.Integer(8L << 30);
        node.UsedMemory = Figure.Integer(2L << 30);
        return SummaryCodec.Encode(usage, 3600, 0, caseSafe: false);
    }

    private static (JobDataSource Data, StringWriter Stderr) Source(RecordingProcessRunner runner, SummaryStoreMode mode)
    {
        var config = new JobstatsConfig();
        config.Summaries.Store = mode;
        var stderr = new StringWriter();
        var log = new Log(stderr, debug: false, syslog: null);
        var reader = new ExternalSummaryReader(runner, "/opt/jobstats/jobstats-summaries", "/etc/jobstats/site.yaml", TimeSpan.FromSeconds(5), log);
        // A closed port: a test that reaches Prometheus gets an empty usage, never a hang.
        var data = new JobDataSource(config, new SacctClient(runner, TimeSpan.FromSeconds(5)), new PrometheusConnections(), "http://127.0.0.1:9",
            TimeSpan.FromSeconds(1), log, reader);
        return (data, stderr);
    }

    [Fact]
    public async Task An_empty_admin_comment_is_looked_up_in_the_external_store_by_cluster_and_raw_id()
    {
        string stored = Stored();
        var runner = new RecordingProcessRunner(_ => RecordingProcessRunner.Ok(stored + "\n"));
        var (data, _) = Source(runner, SummaryStoreMode.Database);
        JobData loaded = await data.LoadAsync(Finished, force: false, now: 1735740000, Token);
        Assert.Equal(UsageSource.Summary, loaded.Source);
        Assert.Equal(Figure.Integer(7000), loaded.Usage.Nodes["node1"].TotalTime);
        var request = Assert.Single(runner.Requests);
        Assert.Equal("/opt/jobstats/jobstats-summaries", request.FileName);
        Assert.Equal(["read", "-c", "lab", "--config", "/etc/jobstats/site.yaml", "88"], request.Arguments);
    }

    [Fact]
    public async Task Without_an_external_store_or_for_a_forced_report_it_is_never_asked()
    {
        var runner = new RecordingProcessRunner(request => request.Name == "jobstats-summaries"
            ? throw new InvalidOperationException("must not be asked")
            : RecordingProcessRunner.Fails(1, "sacct: error: Invalid field requested: \"sluid\""));
        // Both go on to Prometheus, which is down here: the error is expected, the point is who was asked before.
        var (data, _) = Source(runner, SummaryStoreMode.AdminComment);
        await Assert.ThrowsAsync<Jobstats.Prometheus.Api.PrometheusException>(() => data.LoadAsync(Finished, force: false, now: 1735740000, Token));
        var (database, _) = Source(runner, SummaryStoreMode.Database);
        await Assert.ThrowsAsync<Jobstats.Prometheus.Api.PrometheusException>(() => database.LoadAsync(Finished, force: true, now: 1735740000, Token));
        Assert.DoesNotContain(runner.Requests, r => r.Name == "jobstats-summaries");
    }

    [Fact]
    public async Task A_store_that_cannot_be_asked_is_a_warning_and_the_report_goes_on()
    {
        var runner = new RecordingProcessRunner(request => request.Name == "jobstats-summaries"
            ? RecordingProcessRunner.Fails(1, "jobstats-summaries: summary store (jobstats@db:3306): connection refused")
            : RecordingProcessRunner.Fails(1, "sacct: error: Invalid field requested: \"sluid\""));
        var (data, stderr) = Source(runner, SummaryStoreMode.DatabaseAndAdminComment);
        await Assert.ThrowsAsync<Jobstats.Prometheus.Api.PrometheusException>(() => data.LoadAsync(Finished, force: false, now: 1735740000, Token));
        Assert.Contains("job 88: the external summary store could not be asked (exit 1: jobstats-summaries: summary store", stderr.ToString(),
            StringComparison.Ordinal);
    }
}
