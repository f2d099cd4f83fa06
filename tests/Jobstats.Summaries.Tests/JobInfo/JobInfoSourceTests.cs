using Jobstats.Processes;
using Jobstats.Slurm.Queue;
using Jobstats.Summaries.JobInfo;
using Jobstats.Summaries.Tests.Service;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.JobInfo;

public class JobInfoSourceTests
{
    private long _now = 1_000_000;
    private ProcessResult _answer = RecordingProcessRunner.Ok("101|alice|physics|cpu\n102|bob|chem|gpu\n");
    private readonly RecordingLog _log = new();
    private readonly RecordingProcessRunner _runner;
    private readonly JobInfoSource _source;

    public JobInfoSourceTests()
    {
        _runner = new RecordingProcessRunner(_ => _answer);
        _source = new JobInfoSource(new SqueueClient(_runner, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(60), _log, () => _now);
    }

    [Fact]
    public async Task Each_refresh_is_one_squeue_and_its_jobs_are_shown()
    {
        Assert.Empty(_source.Current.Jobs);
        await _source.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Single(_runner.Requests);
        var current = _source.Current;
        Assert.Equal(["alice", "bob"], current.Jobs.Select(j => j.User));
        Assert.Equal(_now, current.LastSuccessAt);
        Assert.False(current.Failing);
    }

    [Fact]
    public async Task A_failing_squeue_keeps_the_last_list_for_a_while_then_drops_it_and_says_so_once()
    {
        await _source.RefreshAsync(TestContext.Current.CancellationToken);
        long good = _now;
        _answer = RecordingProcessRunner.Fails(1, "Unable to contact slurm controller");
        for (int i = 0; i < 3; i++)
        {
            _now += 60;
            await _source.RefreshAsync(TestContext.Current.CancellationToken);
        }
        Assert.True(_source.Current.Failing);
        Assert.Equal(3, _source.Current.Failures);
        Assert.Equal(2, _source.Current.Jobs.Count);
        Assert.Equal(good, _source.Current.LastSuccessAt);
        Assert.Single(_log.Lines, l => l.Contains("squeue failed", StringComparison.Ordinal));

        _now = good + (long)_source.KeepFor.TotalSeconds + 1;
        Assert.Empty(_source.Current.Jobs);

        _answer = RecordingProcessRunner.Ok("103|carol|chem|gpu\n");
        await _source.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.False(_source.Current.Failing);
        Assert.Equal(["103"], _source.Current.Jobs.Select(j => j.JobId));
        Assert.Contains(_log.Lines, l => l.Contains("squeue answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_lines_are_counted_and_logged_while_the_good_ones_are_shown()
    {
        _answer = RecordingProcessRunner.Ok("101|alice|physics|cpu\n102|bob\"} 1|chem|gpu\n");
        await _source.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["101"], _source.Current.Jobs.Select(j => j.JobId));
        Assert.Equal(1, _source.Current.RefusedLines);
        Assert.Contains(_log.Lines, l => l.StartsWith("warning: squeue: 1 lines refused", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_list_is_kept_at_least_five_minutes_and_five_intervals()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), _source.KeepFor);
        var slow = new JobInfoSource(new SqueueClient(_runner, TimeSpan.FromSeconds(5)), TimeSpan.FromMinutes(10), _log, () => _now);
        Assert.Equal(TimeSpan.FromMinutes(50), slow.KeepFor);
    }

    [Fact]
    public async Task Running_stops_when_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var running = _source.RunAsync(stop.Token);
        while (_runner.Requests.Count == 0) await Task.Delay(10, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, _source.Current.Jobs.Count);
    }
}
