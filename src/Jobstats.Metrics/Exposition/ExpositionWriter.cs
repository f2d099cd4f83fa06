using System.Globalization;
using System.Text;

namespace Jobstats.Metrics.Exposition;

/// <summary>Writes a scrape buffer as Prometheus text format 0.0.4 or OpenMetrics 1.0.</summary>
public static class ExpositionWriter
{
    /// <summary>Longest value text: "-1.7976931348623157E+308" and the like.</summary>
    private const int MaxValueBytes = 32;

    public static string Write(ScrapeBuffer buffer, ExpositionFormat format)
    {
        using var body = WriteUtf8(buffer, format);
        return body.ToString();
    }

    /// <summary>The whole exposition straight in UTF-8, as it is sent (for HEAD's length and for tests).</summary>
    internal static ExpositionBody WriteUtf8(ScrapeBuffer buffer, ExpositionFormat format)
    {
        var body = new ExpositionBody();
        try
        {
            foreach (var _ in WriteInParts(buffer, format, body)) { }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the exposition into <paramref name="body"/> straight in UTF-8: nothing per sample but the bytes themselves
    /// (names and label prefixes are encoded once per family, values are formatted in place). Pauses (yields) whenever a
    /// chunk is full, so the caller can send and drop it while the rest is still to be written; the body is complete
    /// when the enumeration ends. A caller that does not drop chunks gets the whole body.
    /// </summary>
    internal static IEnumerable<ExpositionBody> WriteInParts(ScrapeBuffer buffer, ExpositionFormat format, ExpositionBody body)
    {
        foreach (var (family, samples) in buffer.Families())
        {
            // OpenMetrics names a counter family without the _total its samples carry; the text format uses the sample name.
            bool counter = family.Kind == MetricKind.Counter;
            string described = counter && format == ExpositionFormat.OpenMetrics ? family.Name[..^"_total".Length] : family.Name;
            body.Write("# HELP "u8);
            body.Write(described);
            body.Write(" "u8);
            WriteEscaped(body, family.Help, escapeQuotes: format == ExpositionFormat.OpenMetrics);
            body.Write("\n# TYPE "u8);
            body.Write(described);
            body.Write(counter ? " counter\n"u8 : " gauge\n"u8);
            var encoded = family.Encoded;
            foreach (var sample in samples)
            {
                WriteSample(body, encoded, sample);
                if (body.HasCompleted) yield return body;
            }
        }
        if (format == ExpositionFormat.OpenMetrics) body.Write("# EOF\n"u8);
    }

    private static void WriteSample(ExpositionBody body, EncodedFamily encoded, Sample sample)
    {
        body.Write(encoded.Name);
        if (encoded.LabelOpenings.Length > 0)
        {
            for (var i = 0; i < encoded.LabelOpenings.Length; i++)
            {
                body.Write(encoded.LabelOpenings[i]);
                WriteEscaped(body, sample.LabelValues[i], escapeQuotes: true);
            }
            body.Write("\"} "u8);
        }
        else
        {
            body.Write(" "u8);
        }
        var space = body.Reserve(MaxValueBytes + 1);
        var written = FormatValue(sample.Value, space);
        space[written] = (byte)'\n';
        body.Advance(written + 1);
    }

    internal static string FormatValue(double value)
    {
        Span<byte> text = stackalloc byte[MaxValueBytes];
        return Encoding.UTF8.GetString(text[..FormatValue(value, text)]);
    }

    private static int FormatValue(double value, Span<byte> text)
    {
        if (double.IsNaN(value)) return Copy("NaN"u8, text);
        if (double.IsPositiveInfinity(value)) return Copy("+Inf"u8, text);
        if (double.IsNegativeInfinity(value)) return Copy("-Inf"u8, text);
        // Integers up to 2^53 print exactly without exponent; everything else round-trips.
        int written;
        var ok = value == Math.Floor(value) && Math.Abs(value) < 9007199254740992d
            ? ((long)value).TryFormat(text, out written, default, CultureInfo.InvariantCulture)
            : value.TryFormat(text, out written, "R", CultureInfo.InvariantCulture);
        return ok ? written : throw new InvalidOperationException($"value {value} does not fit in {MaxValueBytes} bytes");
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    private static void WriteEscaped(ExpositionBody body, string value, bool escapeQuotes)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var special = escapeQuotes ? rest.IndexOfAny('\\', '\n', '"') : rest.IndexOfAny('\\', '\n');
            if (special < 0)
            {
                body.Write(rest);
                return;
            }
            body.Write(rest[..special]);
            body.Write(rest[special] switch { '\\' => "\\\\"u8, '\n' => "\\n"u8, _ => "\\\""u8 });
            rest = rest[(special + 1)..];
        }
    }
}
