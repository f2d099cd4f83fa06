using System.Text.Json;
using Jobstats.Core.Config;
using Jobstats.Core.Efficiency;
using Jobstats.Core.Rendering;

namespace Jobstats.Core.Tests.Rendering;

public class JsonReportTests
{
    [Fact]
    public void Whole_report_has_figures_notes_and_snake_case_keys()
    {
        var config = new JobstatsConfig();
        var job = new JobAnalysis(ReportFixtures.SimpleRecord, ReportFixtures.SimpleUsage(), UsageSource.Summary, 0, config);
        string json = JsonReport.Serialize(new JsonReportDocument([JsonReport.Build(job, config, "10920562", [])], []));
        using var doc = JsonDocument.Parse(json);
        var report = doc.RootElement.GetProperty("jobs")[0];
        Assert.Equal("summary", report.GetProperty("source").GetString());
        Assert.Equal(98.0, report.GetProperty("overall").GetProperty("cpu_efficiency").GetDouble());
        Assert.Equal(52, report.GetProperty("overall").GetProperty("cpu_memory_efficiency").GetInt64());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("overall").GetProperty("gpu_utilization").ValueKind);
        Assert.Equal(86400, report.GetProperty("time_limit_seconds").GetInt64());
        Assert.Contains("excess-memory", report.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
    }

    [Fact]
    public void Missing_figures_become_errors_and_notes_are_withheld()
    {
        var config = new JobstatsConfig();
        var usage = ReportFixtures.SimpleUsage();
        usage.Nodes["tiger-h26c1n3"].TotalTime = null;
        var job = new JobAnalysis(ReportFixtures.SimpleRecord, usage, UsageSource.Summary, 0, config);
        using var doc = JsonDocument.Parse(JsonReport.Serialize(new JsonReportDocument([JsonReport.Build(job, config, "1", [])], [new JsonJobError("2", "no data")])));
        var overall = doc.RootElement.GetProperty("jobs")[0].GetProperty("overall");
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("cpu_efficiency").ValueKind);
        Assert.Equal("CPU figures are missing from the data", overall.GetProperty("cpu_error").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("jobs")[0].GetProperty("notes").GetArrayLength());
        Assert.Equal("no data", doc.RootElement.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
