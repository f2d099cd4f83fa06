using Jobstats.Core.Model;
using Jobstats.Core.Timeline;

namespace Jobstats.Core.Tests.Timeline;

public sealed class TimelineViewTests
{
    private static JobRecord Record(string user) => new()
    {
        JobId = "77", JobIdRaw = "77", Cluster = "lab", User = user, Account = "a", JobName = "n", State = "RUNNING",
        Nodes = 1, Cores = 1, ReqMem = "1G", Qos = "q", Partition = "p", Start = 0, End = null, TimeLimitText = "10",
        Gpus = 0, AdminComment = "", AllocTres = "",
    };

    private static readonly JobTimeline Timeline = new(0, 30, 10,
        [new TimelineSeries("CPU", TimelineUnit.Percent, [null, 0, 50, 100], 100)]);

    [Fact]
    public void A_row_has_its_name_sparkline_and_min_mean_max()
    {
        string text = new TimelineView(unicode: false, TimeZoneInfo.Utc).Render(Record("alice"), Timeline);
        Assert.Contains("\nCPU       _=#  min 0%  mean 50%  max 100%\n", text);
        Assert.StartsWith("Job 77 (alice, RUNNING) over 00:00:30, one column = 10 s\n", text);
    }

    [Fact]
    public void Control_characters_in_what_slurm_says_never_reach_the_terminal()
    {
        string text = new TimelineView(unicode: true, TimeZoneInfo.Utc).Render(Record("eve\u001b]0;pwned\u0007"), Timeline, "https://g.example");
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
    }
}
