using Jobstats.Metrics.Exposition;

namespace Jobstats.Metrics.Tests.Exposition;

/// <summary>A table's columns are written exactly as the same values added one sample at a time.</summary>
public sealed class SampleTableTests
{
    private static readonly MetricFamily Used = new("test_used_bytes", "Used.", "job", "step");
    private static readonly MetricFamily Limit = new("test_limit_bytes", "Limit.", "job", "step");

    /// <summary>Two columns; the second is missing on odd rows (an optional file the kernel lacks).</summary>
    private sealed class TwoColumns(params (string Job, string Step, double Used, double? Limit)[] rows) : ISampleTable
    {
        public int LabelCount => 2;
        public int Rows => rows.Length;
        public string[] Labels(int row) => [rows[row].Job, rows[row].Step];

        public bool TryGetValue(int row, int column, out double value)
        {
            var read = column == 0 ? rows[row].Used : rows[row].Limit;
            value = read ?? 0;
            return read is not null;
        }
    }

    private static readonly TwoColumns Table = new(("1", "", 10, 100), ("1", "batch", 4, null), ("2", "\"x\"", 7, 70));

    [Fact]
    public void Columns_write_as_loose_samples_would_and_rows_without_a_value_are_left_out()
    {
        var fromTable = new ScrapeBuffer();
        fromTable.Add(Used, Table, 0);
        fromTable.Add(Limit, Table, 1);
        var loose = new ScrapeBuffer();
        loose.Add(Used, 10, "1", "");
        loose.Add(Limit, 100, "1", "");
        loose.Add(Used, 4, "1", "batch");
        loose.Add(Used, 7, "2", "\"x\"");
        loose.Add(Limit, 70, "2", "\"x\"");

        var text = ExpositionWriter.Write(fromTable, ExpositionFormat.PrometheusText);
        Assert.Equal(ExpositionWriter.Write(loose, ExpositionFormat.PrometheusText), text);
        Assert.Equal(PreviousExpositionWriter.Write(loose, ExpositionFormat.PrometheusText), text);
        Assert.DoesNotContain("test_limit_bytes{job=\"1\",step=\"batch\"}", text);
    }

    [Fact]
    public void Loose_samples_and_table_columns_keep_the_order_they_were_added_in_also_through_append()
    {
        var collector = new ScrapeBuffer();
        collector.Add(Used, 1, "0", "");
        collector.Add(Used, Table, 0);
        collector.Add(Used, 2, "3", "");
        var scrape = new ScrapeBuffer();
        scrape.Declare(Limit);
        scrape.Append(collector);

        var lines = ExpositionWriter.Write(scrape, ExpositionFormat.PrometheusText).Split('\n')
            .Where(line => line.StartsWith("test_used_bytes{", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "test_used_bytes{job=\"0\",step=\"\"} 1", "test_used_bytes{job=\"1\",step=\"\"} 10",
            "test_used_bytes{job=\"1\",step=\"batch\"} 4", "test_used_bytes{job=\"2\",step=\"\\\"x\\\"\"} 7",
            "test_used_bytes{job=\"3\",step=\"\"} 2",
        ], lines);
    }

    [Fact]
    public void A_table_with_other_labels_than_the_family_is_refused()
    {
        var buffer = new ScrapeBuffer();
        var error = Assert.Throws<ArgumentException>(() => buffer.Add(new MetricFamily("one_label", "One.", "job"), Table, 0));
        Assert.Contains("one_label", error.Message);
    }
}
