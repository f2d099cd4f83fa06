using Jobstats.Prometheus.Api;
using Jobstats.Hosting;
using System.Text;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Config;
using Jobstats.Core.Summary;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Testing;

namespace Jobstats.Cli.Tests.Reporting;

public class JobReporterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Stands in for sacct at the process boundary: the given row or failure.</summary>
    private static RecordingProcessRunner FakeSacct(Func<ProcessResult> lookup) => new(_ => lookup());

    private static (JobReporter Reporter, StringWriter Stderr) Reporter(IProcessRunner sacct)
    {
        var config = new JobstatsConfig();
        var stderr = new StringWriter();
        var log = new Log(stderr, debug: true, syslog: null);
        // Nothing here reaches Prometheus: the URL is a closed port and the tests' jobs never need it.
        var client = new SacctClient(sacct, TimeSpan.FromSeconds(5));
        var data = new JobDataSource(config, client, new PrometheusConnections(), "http://127.0.0.1:9", TimeSpan.FromSeconds(1), log);
        return (new JobReporter(config, client, data, log), stderr);
    }

    private static ReportRequest Text(string id) => new(id, null, OutputMode.Text, Force: false, Color: false, BatchScript: false);

    [Fact]
    public async Task An_unexpected_exception_becomes_the_jobs_one_line_error_with_the_detail_in_the_debug_log()
    {
        var (reporter, stderr) = Reporter(FakeSacct(() => throw new InvalidOperationException("nobody expected this")));
        ReportOutcome outcome = await reporter.ReportAsync(Text("123"), Token);
        Assert.False(outcome.Success);
        Assert.Equal("job 123: unexpected error: InvalidOperationException: nobody expected this", outcome.Error);
        Assert.Contains("   at ", stderr.ToString());   // -d shows where it came from
    }

    [Fact]
    public async Task A_summary_listing_no_nodes_says_so_instead_of_blaming_prometheus()
    {
        string summary = "JS1:" + Convert.ToBase64String(SummaryCodec.Gzip(Encoding.UTF8.GetBytes("""{"nodes":{},"total_time":3600,"gpus":0}""")));
        string row = $"77|77|1735732800|1735736400|lab|billing=4,cpu=4,mem=8G,node=1|{summary}|alice|physics|COMPLETED|1|4|8G|normal|cpu|120|empty\n";
        var (reporter, _) = Reporter(FakeSacct(() => ProcessResult.Exited(0, row)));
        ReportOutcome outcome = await reporter.ReportAsync(Text("77"), Token);
        Assert.False(outcome.Success);
        Assert.Contains("its stored summary lists no nodes", outcome.Error);
        Assert.DoesNotContain("Prometheus at", outcome.Error);
    }
}
