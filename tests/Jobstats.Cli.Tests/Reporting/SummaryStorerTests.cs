using Jobstats.Prometheus.Api;
using Jobstats.Hosting;
using Jobstats.Cli.Reporting;
using Jobstats.Core.Config;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.AdminComments;
using Jobstats.Testing;

namespace Jobstats.Cli.Tests.Reporting;

public class SummaryStorerTests
{
    [Fact]
    public async Task An_unexpected_exception_becomes_one_logged_line_and_exit_1()
    {
        var config = new JobstatsConfig();
        var stderr = new StringWriter();
        var log = new Log(stderr, debug: false, syslog: null);
        // A Slurm client that fails in a way no one planned for.
        var runner = new RecordingProcessRunner(_ => throw new InvalidOperationException("nobody expected this"));
        var sacct = new SacctClient(runner, TimeSpan.FromSeconds(5));
        var data = new JobDataSource(config, sacct, new PrometheusConnections(), "http://127.0.0.1:9", TimeSpan.FromSeconds(1), log);
        var storer = new SummaryStorer(config, sacct,
            new AdminCommentStore(runner, TimeSpan.FromSeconds(5)), data, log, TextWriter.Null);

        int exit = await storer.StoreAsync(new StoreRequest("123", null, Overwrite: false, DryRun: false), TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("job 123: unexpected error: InvalidOperationException: nobody expected this", lines[0]);
    }
}
