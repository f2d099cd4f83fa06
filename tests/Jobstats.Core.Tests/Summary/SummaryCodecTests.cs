using System.Text;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Summary;

public class SummaryCodecTests
{
    // Written by Python's gzip + base64 from the two decoded examples of the summary format documentation.
    private const string CpuVector =
        "JS1:H4sIAAAAAAACA1WNQQqDMBBF7zLrtEzG0ZhcphQzqGBM0bgQyd0bUii4fe8//gVr9LKDuyDNo2yPibpBr00FMb2XV5AQtxOcRtMY1j0xKjh28X/TdsRMhRfxa9IcBJyxbPsnKRg+R3lgzPk+ICSrYKwW8xcnjeJ8iwAAAA==";
    private const string GpuVector =
        "JS1:H4sIAAAAAAACA12OTQ6DIBCF7zJra4AZYPAyxlRiSFBMi4vWcPdqbZvY5cv73s8KU+r9HZoVeh9jd4lCDhJ3nVPuYjv6Md0e0Ei0hOw0klUVLHff/ywmw2iFUrtzpHIYPTTaGiVqruA6L9uE3OxhXtpz8Qpyq9DsHJJ2SpQDOi0cDKIkNqwUfZkcYnh2OaTpwziuTSnl74ZwRO/EfqK8APTfhRDzAAAA";

    [Fact]
    public void Decodes_the_cpu_vector()
    {
        var result = SummaryCodec.Read(CpuVector);
        Assert.Equal(SummaryKind.Usage, result.Kind);
        var node = Assert.Single(result.Usage!.Nodes);
        Assert.Equal("tiger-h26c1n3", node.Key);
        Assert.Equal(Figure.Integer(10737418240), node.Value.TotalMemory);
        Assert.Equal(Figure.Integer(5624422400), node.Value.UsedMemory);
        Assert.Equal(Figure.Float(79498.2), node.Value.TotalTime);
        Assert.Equal(Figure.Integer(40), node.Value.Cpus);
        Assert.Equal(2029, result.TotalTime);
        Assert.Equal(0, result.Gpus);
    }

    [Fact]
    public void Decodes_the_gpu_vector()
    {
        var result = SummaryCodec.Read(GpuVector);
        var node = Assert.Single(result.Usage!.Nodes).Value;
        Assert.Equal(Figure.Integer(85899345920), node.GpuTotalMemory!["1"]);
        Assert.Equal(Figure.Integer(83314868224), node.GpuUsedMemory!["1"]);
        Assert.Equal(Figure.Float(98.6), node.GpuUtilization!["1"]);
        Assert.Equal(1, result.Gpus);
    }

    [Fact]
    public void Our_encoding_of_the_cpu_vector_is_byte_identical_to_the_python_one()
    {
        var usage = SummaryCodec.Read(CpuVector).Usage!;
        Assert.Equal(CpuVector, SummaryCodec.Encode(usage, 2029, 0, caseSafe: false));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_then_read_gives_the_same_node_dictionary(bool caseSafe)
    {
        var original = SummaryCodec.Read(GpuVector).Usage!;
        string stored = SummaryCodec.Encode(original, 50944, 1, caseSafe);
        if (caseSafe)
        {
            Assert.StartsWith("js1b32:", stored);
            Assert.Equal(stored, stored.ToLowerInvariant());
        }
        var again = SummaryCodec.Read(stored);
        Assert.Equal(NodeDictionaryJson.WritePretty(original, 50944, 1), NodeDictionaryJson.WritePretty(again.Usage!, 50944, 1));
    }

    [Fact]
    public void Case_safe_form_survives_upper_casing_too()
    {
        string stored = SummaryCodec.Encode(SummaryCodec.Read(CpuVector).Usage!, 2029, 0, caseSafe: true);
        Assert.Equal(SummaryKind.Usage, SummaryCodec.Read(stored.ToUpperInvariant()).Kind);
    }

    [Theory]
    [InlineData("JS1:Short", SummaryKind.Short)]
    [InlineData("js1:short", SummaryKind.Short)]
    [InlineData("js1b32:short", SummaryKind.Short)]
    [InlineData("JS1:None", SummaryKind.NoData)]
    [InlineData("js1:none", SummaryKind.NoData)]
    [InlineData("js1b32:none", SummaryKind.NoData)]
    [InlineData("", SummaryKind.Absent)]
    [InlineData("   ", SummaryKind.Absent)]
    [InlineData(null, SummaryKind.Absent)]
    [InlineData("checked by admin", SummaryKind.Foreign)]
    [InlineData("JS2:H4sI", SummaryKind.Foreign)]
    public void Classifies_literals_and_foreign_comments(string? comment, SummaryKind expected) =>
        Assert.Equal(expected, SummaryCodec.Read(comment).Kind);

    [Fact]
    public void Lenient_base64_skips_foreign_characters_and_missing_padding()
    {
        string messy = CpuVector.Insert(20, " \n").TrimEnd('=').Insert(40, "*");
        Assert.Equal(SummaryKind.Usage, SummaryCodec.Read(messy).Kind);
    }

    [Fact]
    public void Lower_cased_base64_is_reported_as_damaged_with_the_reason()
    {
        var result = SummaryCodec.Read(CpuVector.ToLowerInvariant());
        Assert.Equal(SummaryKind.Damaged, result.Kind);
        Assert.Contains("lower case", result.Problem);
    }

    [Theory]
    [InlineData("JS1:H4sIAAAAAAACA1WNQQqDMBBF7zLrtEzG0ZhcphQzqGBM0bgQyd0bU")]   // truncated
    [InlineData("JS1:!!!!")]
    [InlineData("JS1:aGVsbG8gd29ybGQ=")]                                         // base64 of non-gzip text
    [InlineData("js1b32:abc1")]                                                  // '1' is not base32
    [InlineData("JS1:A")]
    public void Malformed_payloads_are_damaged_not_exceptions(string comment)
    {
        var result = SummaryCodec.Read(comment);
        Assert.Equal(SummaryKind.Damaged, result.Kind);
        Assert.False(string.IsNullOrEmpty(result.Problem));
    }

    [Theory]
    [InlineData(8)]   // the whole trailer (CRC-32 and length) is missing
    [InlineData(4)]   // the length is missing
    [InlineData(1)]
    public void Gzip_with_its_trailer_cut_off_is_damaged(int cut)
    {
        byte[] gzip = SummaryCodec.Gzip(Encoding.UTF8.GetBytes("""{"nodes":{"n1":{"cpus":4,"total_time":100}},"total_time":100,"gpus":0}"""));
        var result = SummaryCodec.Read("JS1:" + Convert.ToBase64String(gzip[..^cut]));
        Assert.Equal(SummaryKind.Damaged, result.Kind);
        Assert.Contains("truncated", result.Problem);
    }

    [Fact]
    public void Gzip_whose_checksum_does_not_match_is_damaged()
    {
        byte[] gzip = SummaryCodec.Gzip(Encoding.UTF8.GetBytes("""{"nodes":{"n1":{"cpus":4}}}"""));
        gzip[^8] ^= 0xff;
        var result = SummaryCodec.Read("JS1:" + Convert.ToBase64String(gzip));
        Assert.Equal(SummaryKind.Damaged, result.Kind);
    }

    private static string Wrap(string json) => "JS1:" + Convert.ToBase64String(SummaryCodec.Gzip(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"nodes":{"n1":{"cpus":-4}}}""", "negative")]
    [InlineData("""{"nodes":{"n1":{"used_memory":1e300}}}""", "large")]
    [InlineData("""{"nodes":{"n1":{"total_time":99999999999999999999999}}}""", "large")]
    [InlineData("""{"nodes":{"n1":{"cpus":"40"}}}""", "not a number")]
    [InlineData("""{"nodes":{"n1":{"gpu_utilization":[1,2]}}}""", "not an object")]
    [InlineData("""{"nodes":[]}""", "nodes")]
    [InlineData("""[1,2,3]""", "not a JSON object")]
    [InlineData("""{"nodes":{"n1":{"cpus":4}""", "invalid")]
    public void Bad_figures_are_refused_clearly(string json, string reason)
    {
        var result = SummaryCodec.Read(Wrap(json));
        Assert.Equal(SummaryKind.Damaged, result.Kind);
        Assert.Contains(reason, result.Problem);
    }

    [Fact]
    public void Integers_and_floats_are_accepted_anywhere_and_keep_their_type()
    {
        var result = SummaryCodec.Read(Wrap("""{"nodes":{"n1":{"total_memory":1024.0,"used_memory":512,"total_time":30,"cpus":4.0,"gpu_utilization":{"0":50,"1":25.5}}},"total_time":60.0,"gpus":2}"""));
        var node = result.Usage!.Nodes["n1"];
        Assert.Equal(Figure.Float(1024), node.TotalMemory);
        Assert.Equal(Figure.Integer(512), node.UsedMemory);
        Assert.Equal(Figure.Float(4), node.Cpus);
        Assert.Equal(Figure.Integer(50), node.GpuUtilization!["0"]);
        Assert.Equal(60, result.TotalTime);
        Assert.Contains("\"total_memory\": 1024.0", NodeDictionaryJson.WritePretty(result.Usage, 60, 2));
    }

    [Fact]
    public void Unknown_node_keys_are_ignored()
    {
        var result = SummaryCodec.Read(Wrap("""{"nodes":{"n1":{"cpus":4,"gpu_power":{"0":300}}}}"""));
        Assert.Equal(SummaryKind.Usage, result.Kind);
        Assert.Equal(Figure.Integer(4), result.Usage!.Nodes["n1"].Cpus);
    }
}
