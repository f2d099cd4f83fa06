using Jobstats.Core.Model;

namespace Jobstats.Core.Tests.Rendering;

internal static class ReportFixtures
{
    /// <summary>The reference's simple_stats job: 40 cores, 10G, 2029 s, 79498.2 CPU-s, 5.2 of 10 GiB.</summary>
    public static JobRecord SimpleRecord => new()
    {
        JobId = "10920562", JobIdRaw = "10920562", Cluster = "tiger2", User = "aturing", Account = "physics", JobName = "9",
        State = "COMPLETED", Nodes = 1, Cores = 40, ReqMem = "10G", Qos = "tiger-short", Partition = "serial",
        Start = 1730212549, End = 1730214578, TimeLimitMinutes = 1440, TimeLimitText = "1440", Gpus = 0, AdminComment = "",
        AllocTres = "billing=40,cpu=40,mem=10G,node=1",
    };

    public static JobUsage SimpleUsage()
    {
        var usage = new JobUsage();
        var node = usage.Node("tiger-h26c1n3");
        node.TotalMemory = Figure.Integer(10737418240);
        node.UsedMemory = Figure.Integer(5624422400);
        node.TotalTime = Figure.Float(79498.2);
        node.Cpus = Figure.Integer(40);
        return usage;
    }
}
