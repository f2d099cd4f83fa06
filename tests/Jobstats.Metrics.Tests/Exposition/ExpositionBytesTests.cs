using System.Text;
using Jobstats.Metrics.Exposition;

namespace Jobstats.Metrics.Tests.Exposition;

/// <summary>The UTF-8 writer against the StringBuilder writer it replaced, on a buffer with every awkward case.</summary>
public sealed class ExpositionBytesTests
{
    private static readonly MetricFamily Labelled = new("test_labelled", "Help with \\ backslash, \"quotes\"\nand newline.", "a", "b", "c");
    private static readonly MetricFamily Plain = new("test_plain", "No labels.");
    private static readonly MetricFamily Empty = new("test_empty", "Declared, never added.", "x");
    private static readonly MetricFamily Counter = new("test_events_total", "A counter.", "kind") { Kind = MetricKind.Counter };

    private static ScrapeBuffer Awkward()
    {
        var buffer = new ScrapeBuffer();
        buffer.Declare(Empty);
        double[] values = [0, -0d, 1, -2, 20.62, 21.987324835, 1e-7, 9007199254740991d, 9007199254740992d, -9007199254740993d,
            9.223372036854772E+18, double.MaxValue, double.MinValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var value in values) buffer.Add(Labelled, value, "quote\"back\\slash", "line\nbreak", "ünïcødé ✓ 𝄞");
        buffer.Add(Labelled, 1, "lone \ud800 surrogate", "", "\\\\\n\n\"\"");
        // Longer than a chunk, with multi-byte characters across the chunk boundaries.
        buffer.Add(Labelled, 2, new string('é', 50_000), new string('x', 70_000) + "𝄞" + new string('"', 30_000), "𝄞");
        foreach (var job in Enumerable.Range(0, 5000)) buffer.Add(Labelled, job * 1.5, job.ToString(), "batch", "");
        buffer.Add(Plain, 3);
        buffer.Add(Counter, 7, "a");
        return buffer;
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText)]
    [InlineData(ExpositionFormat.OpenMetrics)]
    public void The_bytes_are_those_the_previous_writer_produced(ExpositionFormat format)
    {
        var buffer = Awkward();
        var expected = Encoding.UTF8.GetBytes(PreviousExpositionWriter.Write(buffer, format));
        using var body = ExpositionWriter.WriteUtf8(buffer, format);
        Assert.True(body.Length > 3 * ExpositionBody.ChunkSize, "the buffer must span several chunks");
        Assert.Equal(expected.Length, body.Length);
        Assert.True(expected.AsSpan().SequenceEqual(body.ToArray()), "the UTF-8 exposition differs from the previous writer's");
        // The string form is the bytes decoded (so a lone surrogate reads back as U+FFFD, as it was always sent).
        Assert.Equal(Encoding.UTF8.GetString(expected), ExpositionWriter.Write(buffer, format));
    }

    [Fact]
    public void Written_in_parts_with_each_full_chunk_dropped_the_bytes_are_the_same_and_few_chunks_are_held()
    {
        var buffer = Awkward();
        var expected = Encoding.UTF8.GetBytes(PreviousExpositionWriter.Write(buffer, ExpositionFormat.OpenMetrics));
        var sent = new List<byte>();
        var mostHeld = 0;
        var pauses = 0;
        using var body = new ExpositionBody();
        foreach (var _ in ExpositionWriter.WriteInParts(buffer, ExpositionFormat.OpenMetrics, body))
        {
            pauses++;
            Assert.True(body.HasCompleted);
            mostHeld = Math.Max(mostHeld, body.Chunks().Count());
            foreach (var chunk in body.CompletedChunks()) sent.AddRange(chunk.ToArray());
            body.DropCompleted();
            Assert.Single(body.Chunks());
        }
        foreach (var chunk in body.Chunks()) sent.AddRange(chunk.ToArray());
        Assert.True(pauses > 3, "the body must span several chunks");
        // One label value is longer than two chunks: the line being written fills them all before the writer pauses.
        Assert.InRange(mostHeld, 2, 5);
        Assert.Equal(expected.Length, body.Length);
        Assert.True(expected.AsSpan().SequenceEqual(sent.ToArray()), "the exposition sent in parts differs from the previous writer's");
    }
}
