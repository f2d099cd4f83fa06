using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Notes;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Waste;

/// <summary>One job of the period: its amounts and the rules it counted against.</summary>
public sealed record WasteJob(JobRecord Record, bool HasData, WasteAmounts Amounts, IReadOnlyList<string> Rules);

/// <summary>The totals of one user or account; per rule, the jobs that counted and the amount they add up to.</summary>
public sealed class WasteRow(string name, int ruleCount)
{
    public string Name { get; } = name;
    public int Jobs { get; set; }
    public int JobsWithoutData { get; set; }
    public double GpuHours { get; set; }
    public double GpuHoursUsed { get; set; }
    public double GpuHoursIdle { get; set; }
    public double CpuHours { get; set; }
    public double CpuHoursUnused { get; set; }
    public int[] RuleJobs { get; } = new int[ruleCount];
    public double[] RuleAmounts { get; } = new double[ruleCount];

    internal void Add(WasteJob job, IReadOnlyList<WasteRule> rules)
    {
        Jobs++;
        if (!job.HasData) JobsWithoutData++;
        var a = job.Amounts;
        GpuHours += a.GpuHours;
        GpuHoursUsed += a.GpuHoursUsed ?? 0;
        GpuHoursIdle += a.GpuHoursIdle ?? 0;
        CpuHours += a.CpuHours;
        CpuHoursUnused += a.CpuHoursUnused ?? 0;
        for (int i = 0; i < rules.Count; i++)
        {
            if (!job.Rules.Contains(rules[i].Name)) continue;
            RuleJobs[i]++;
            RuleAmounts[i] += WasteAmounts.Named.First(n => n.Name == rules[i].Amount).Get(a) ?? 0;
        }
    }
}

/// <summary>
/// The waste of a period, per user and per account, worst first: every job that ended in it, read from its stored
/// summary (never from Prometheus: one sacct call feeds the whole report). No I/O: the records come in, the report
/// goes out.
/// </summary>
public sealed record WasteReport(string Cluster, long Since, long Until, IReadOnlyList<WasteRule> Rules, int SortRule,
    IReadOnlyList<WasteJob> Jobs, IReadOnlyList<WasteRow> ByUser, IReadOnlyList<WasteRow> ByAccount, WasteRow Total)
{
    public static WasteReport Build(IEnumerable<JobRecord> records, JobstatsConfig config, string cluster, long since, long until)
    {
        var rules = config.Waste.Rules;
        var jobs = new List<WasteJob>();
        foreach (var record in records)
        {
            if (record.Start is null || record.End is null) continue;
            SummaryReadResult summary = SummaryCodec.Read(record.AdminComment);
            bool hasData = summary.Kind == SummaryKind.Usage;
            var usage = hasData ? summary.Usage! : new JobUsage();
            var job = new JobAnalysis(record, usage, hasData ? UsageSource.Summary : UsageSource.None, record.End.Value, config);
            var amounts = WasteAmounts.Of(job);
            var figures = amounts.WithFigures(JobFigures.From(job, config));
            var counted = hasData ? rules.Where(r => r.Counts(figures)).Select(r => r.Name).ToList() : [];
            jobs.Add(new WasteJob(record, hasData, amounts, counted));
        }
        int sort = Math.Max(0, rules.FindIndex(r => r.Name == config.Waste.SortBy));
        var total = new WasteRow("TOTAL", rules.Count);
        foreach (var job in jobs) total.Add(job, rules);
        return new WasteReport(cluster, since, until, rules, sort, jobs,
            Group(jobs, j => j.Record.User, rules, sort), Group(jobs, j => j.Record.Account, rules, sort), total);
    }

    private static List<WasteRow> Group(List<WasteJob> jobs, Func<WasteJob, string> key, IReadOnlyList<WasteRule> rules, int sort)
    {
        var rows = new Dictionary<string, WasteRow>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            string name = key(job);
            if (!rows.TryGetValue(name, out var row)) rows[name] = row = new WasteRow(name, rules.Count);
            row.Add(job, rules);
        }
        // Worst first: the sort rule's amount, then idle GPU-hours, then unused CPU-hours; names break ties.
        return [.. rows.Values
            .OrderByDescending(r => rules.Count == 0 ? 0 : Math.Round(r.RuleAmounts[sort], 6))
            .ThenByDescending(r => Math.Round(r.GpuHoursIdle, 6))
            .ThenByDescending(r => Math.Round(r.CpuHoursUnused, 6))
            .ThenBy(r => r.Name, StringComparer.Ordinal)];
    }
}
