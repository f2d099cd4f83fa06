using Jobstats.Core.Model;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Summary;

public class NodeDictionaryJsonTests
{
    [Fact]
    public void Pretty_form_sorts_keys_and_indents_by_four()
    {
        var usage = new JobUsage();
        var node = usage.Node("della-k1g1");
        node.TotalMemory = Figure.Integer(137438953472);
        node.Cpus = Figure.Integer(12);
        node.GpuUtilization = new() { ["1"] = Figure.Float(98.6) };
        string expected = """
            {
                "gpus": 1,
                "nodes": {
                    "della-k1g1": {
                        "cpus": 12,
                        "gpu_utilization": {
                            "1": 98.6
                        },
                        "total_memory": 137438953472
                    }
                },
                "total_time": 50944
            }
            """;
        Assert.Equal(expected, NodeDictionaryJson.WritePretty(usage, 50944, 1));
    }

    [Fact]
    public void Empty_dictionary_prints_empty_nodes() =>
        Assert.Contains("\"nodes\": {}", NodeDictionaryJson.WritePretty(new JobUsage(), 7200, 0));
}
