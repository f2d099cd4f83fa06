using System.Text.Json;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;
using Jobstats.Core.Rendering;

namespace Jobstats.Core.Tests.Rendering;

/// <summary>
/// Every text field of a report carries a control character (each of C0, DEL and C1 in turn, plus bidi overrides
/// and line separators) and a '['. The text report must show them escaped and the JSON report must keep them exact.
/// </summary>
public class ReportEscapingTests
{
    public static TheoryData<int> Hostile()
    {
        var data = new TheoryData<int>();
        for (int c = 0; c <= 0x1f; c++) data.Add(c);
        for (int c = 0x7f; c <= 0x9f; c++) data.Add(c);
        foreach (int c in new[] { 0x202e, 0x2066, 0x200f, 0x2028, 0x2029 }) data.Add(c);
        return data;
    }

    // A site rule that prints every text figure, so notes are fuzzed too.
    private const string Config = """
        notes:
          rules:
            - name: echo
              when: ["cores > 0"]
              text: "{job_id} {user} {account} {job_name} {state} {qos} {partition} {cluster} {time_limit}"
        """;

    private static (JobRecord Record, JobUsage Usage) HostileJob(char c)
    {
        string T(string s) => s + c + "[red]x[/]";
        var record = ReportFixtures.SimpleRecord with
        {
            JobId = T("1"), User = T("u"), Account = T("a"), JobName = T("name"), State = T("COMPLETED"), Qos = T("q"),
            Partition = T("p"), Cluster = T("c"), ReqMem = T("10G"), TimeLimitMinutes = null, TimeLimitText = T("t"),
            Gpus = 1,
        };
        var usage = new JobUsage();
        var node = usage.Node(T("node"));
        node.TotalMemory = Figure.Integer(10737418240);
        node.UsedMemory = Figure.Integer(5624422400);
        node.TotalTime = Figure.Float(79498.2);
        node.Cpus = Figure.Integer(40);
        node.GpuTotalMemory = new(StringComparer.Ordinal) { [T("0")] = Figure.Integer(100) };
        node.GpuUsedMemory = new(StringComparer.Ordinal) { [T("0")] = Figure.Integer(50) };
        node.GpuUtilization = new(StringComparer.Ordinal) { [T("0")] = Figure.Integer(0) };
        return (record, usage);
    }

    private static (JobstatsConfig Config, JobAnalysis Job) Analysed(char c)
    {
        var config = ConfigLoader.Parse(Config, "t.yaml");
        var (record, usage) = HostileJob(c);
        return (config, new JobAnalysis(record, usage, UsageSource.Summary, record.End ?? 0, config));
    }

    private static bool Unsafe(char c) =>
        (c < 0x20 && c != '\n') || c is >= '\x7f' and <= '\x9f' || c is '\u202e' or '\u2066' or '\u200f' or '\u2028' or '\u2029';

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Text_report_shows_every_control_character_escaped(int code)
    {
        char c = (char)code;
        var (config, job) = Analysed(c);
        foreach (bool color in new[] { false, true })
        {
            var options = new ReportOptions { Color = color, BatchScript = "#!/bin/sh\n\techo " + c + "\n" };
            string text = new ClassicReport(config, options).Render(job, [["extra " + c]]);
            // The renderer's own styling is the only escape sequence allowed.
            string data = text.Replace(Styling.BoldCode, "").Replace(Styling.RedCode, "").Replace(Styling.NormalCode, "");
            // Line feeds and tabs are the batch script's own layout; it is checked on its own below.
            int scriptStart = data.IndexOf("#!/bin/sh", StringComparison.Ordinal), scriptEnd = data.IndexOf("Notes", StringComparison.Ordinal);
            string script = data[scriptStart..scriptEnd];
            string rest = data[..scriptStart] + data[scriptEnd..];
            int bad = Array.FindIndex(rest.ToCharArray(), Unsafe);
            Assert.True(bad < 0, $"U+{code:X4} raw after: {(bad < 0 ? "" : rest[Math.Max(0, bad - 60)..bad])}");
            Assert.DoesNotContain(script, ch => Unsafe(ch) && ch != '\t');
            string shown = code <= 0xff ? $"\\x{code:x2}" : $"\\u{code:x4}";
            if (c == '\n') shown = "\\n";
            if (c == '\r') shown = "\\r";
            if (c == '\t') shown = "\\t";
            Assert.Contains("Job Name: name" + shown + "[red]x[/]\n", data);
            Assert.Contains("      node" + shown + "[red]x[/]: ", data);
            Assert.Contains("(GPU 0" + shown + "[red]x[/]): ", data);
            Assert.Contains("name" + shown + "[red]x[/]", data[data.IndexOf("Notes", StringComparison.Ordinal)..]);
            if (c != '\n' && c != '\t') Assert.Contains("\techo " + shown + "\n", script);
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Json_report_keeps_the_exact_values(int code)
    {
        char c = (char)code;
        var (config, job) = Analysed(c);
        var (record, usage) = (job.Record, job.Usage);
        string json = JsonReport.Serialize(new JsonReportDocument([JsonReport.Build(job, config, record.JobId, [])], []));
        using var doc = JsonDocument.Parse(json);
        var report = doc.RootElement.GetProperty("jobs")[0];
        Assert.Equal(record.JobName, report.GetProperty("job_name").GetString());
        Assert.Equal(record.User, report.GetProperty("user").GetString());
        Assert.Equal(record.Cluster, report.GetProperty("cluster").GetString());
        var node = report.GetProperty("node_details")[0];
        Assert.Equal(usage.Nodes.GetAt(0).Key, node.GetProperty("name").GetString());
        Assert.Equal("0" + c + "[red]x[/]", node.GetProperty("gpus")[0].GetProperty("minor").GetString());
        Assert.Contains(record.JobName, report.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()!).Single(t => t.StartsWith(record.JobId, StringComparison.Ordinal)));
    }
}
