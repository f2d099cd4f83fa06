using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Jobstats.Core.Model;

namespace Jobstats.Core.Summary;

/// <summary>
/// The AdminComment summary. Standard form: <c>JS1:</c> + base64(gzip(JSON)), with the literals <c>JS1:Short</c> and
/// <c>JS1:None</c>. Case-safe form for Slurm releases whose sacctmgr lower-cases the comment: <c>js1b32:</c> + lower-case
/// unpadded base32 of the same gzip bytes, and <c>js1b32:short</c> / <c>js1b32:none</c>. Readers accept both.
/// </summary>
public static class SummaryCodec
{
    public const string Prefix = "JS1:";
    public const string CaseSafePrefix = "js1b32:";
    public const string ShortLiteral = "JS1:Short";
    public const string NoneLiteral = "JS1:None";
    public const string CaseSafeShortLiteral = "js1b32:short";
    public const string CaseSafeNoneLiteral = "js1b32:none";

    /// <summary>Largest figure accepted: 2^53, beyond which a JSON number no longer holds an exact integer.</summary>
    public const double MaxFigure = 9007199254740992d;

    private const int MaxDecompressedBytes = 64 * 1024 * 1024;

    /// <summary>The payload after the prefix (what <c>jobstats -b</c> prints): base64 of the gzip JSON.</summary>
    public static string EncodePayload(JobUsage usage, long totalTime, int gpus) =>
        Convert.ToBase64String(Gzip(NodeDictionaryJson.WriteCompact(usage, totalTime, gpus)));

    /// <summary>The full AdminComment value in the standard or the case-safe form.</summary>
    public static string Encode(JobUsage usage, long totalTime, int gpus, bool caseSafe)
    {
        byte[] gzip = Gzip(NodeDictionaryJson.WriteCompact(usage, totalTime, gpus));
        return caseSafe ? CaseSafePrefix + Base32.Encode(gzip) : Prefix + Convert.ToBase64String(gzip);
    }

    public static string ShortValue(bool caseSafe) => caseSafe ? CaseSafeShortLiteral : ShortLiteral;

    public static string NoneValue(bool caseSafe) => caseSafe ? CaseSafeNoneLiteral : NoneLiteral;

    /// <summary>
    /// The case-safe form of a standard value (<c>JS1:</c> base64, <c>JS1:Short</c>, <c>JS1:None</c>): the same gzip
    /// bytes in lower-case base32. A value already case-safe is returned as it is.
    /// </summary>
    public static string ToCaseSafe(string value)
    {
        if (value.StartsWith(CaseSafePrefix, StringComparison.Ordinal)) return value;
        if (!value.StartsWith(Prefix, StringComparison.Ordinal)) throw new ArgumentException("not a jobstats summary value", nameof(value));
        if (value == ShortLiteral) return CaseSafeShortLiteral;
        if (value == NoneLiteral) return CaseSafeNoneLiteral;
        return CaseSafePrefix + Base32.Encode(Convert.FromBase64String(value[Prefix.Length..]));
    }

    /// <summary>Classifies and decodes an AdminComment. Never throws: damage is reported in the result.</summary>
    public static SummaryReadResult Read(string? adminComment)
    {
        string text = (adminComment ?? "").Trim();
        if (text.Length == 0) return new SummaryReadResult(SummaryKind.Absent);

        bool caseSafe = text.StartsWith(CaseSafePrefix, StringComparison.OrdinalIgnoreCase);
        bool standard = !caseSafe && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
        if (!caseSafe && !standard) return new SummaryReadResult(SummaryKind.Foreign);

        ReadOnlySpan<char> payload = text.AsSpan(caseSafe ? CaseSafePrefix.Length : Prefix.Length).Trim();
        if (payload.Equals("short", StringComparison.OrdinalIgnoreCase)) return new SummaryReadResult(SummaryKind.Short);
        if (payload.Equals("none", StringComparison.OrdinalIgnoreCase)) return new SummaryReadResult(SummaryKind.NoData);

        try
        {
            if (caseSafe) return DecodeGzip(Base32.Decode(payload.ToString()));
            if (text.StartsWith("js1:h4si", StringComparison.Ordinal))
                throw new SummaryFormatException(
                    "the summary was stored in lower case (Slurm 22.05's sacctmgr does this), which destroys base64; " +
                    "store it again with `jobstats store` so the case-safe form is used");
            // Clean base64, what every writer stores, decodes straight into a pooled buffer: a table of 100,000 jobs
            // reads 100,000 summaries. Anything else takes the lenient path.
            byte[] rented = ArrayPool<byte>.Shared.Rent(payload.Length / 4 * 3 + 3);
            try
            {
                if (Convert.TryFromBase64Chars(payload, rented, out int written)) return DecodeGzip(rented, written);
            }
            finally { ArrayPool<byte>.Shared.Return(rented); }
            return DecodeGzip(DecodeBase64Leniently(payload.ToString()));
        }
        catch (SummaryFormatException e)
        {
            return new SummaryReadResult(SummaryKind.Damaged, Problem: e.Message);
        }
    }

    /// <summary>Gunzips into a pooled buffer and parses the JSON there: no copy of either is kept.</summary>
    private static SummaryReadResult DecodeGzip(byte[] gzip) => DecodeGzip(gzip, gzip.Length);

    private static SummaryReadResult DecodeGzip(byte[] gzip, int gzipLength)
    {
        byte[] output = ArrayPool<byte>.Shared.Rent(Math.Max(4096, gzipLength * 8));
        try
        {
            int length = Gunzip(gzip, gzipLength, ref output);
            return DecodeDocument(output.AsMemory(0, length));
        }
        finally { ArrayPool<byte>.Shared.Return(output); }
    }

    /// <summary>Base64 that skips characters outside the alphabet, accepts the URL-safe alphabet and missing padding.</summary>
    public static byte[] DecodeBase64Leniently(string text)
    {
        var clean = new StringBuilder(text.Length + 3);
        foreach (char c in text)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/') clean.Append(c);
            else if (c == '-') clean.Append('+');
            else if (c == '_') clean.Append('/');
        }
        if (clean.Length % 4 == 1) throw new SummaryFormatException("the base64 payload is truncated");
        while (clean.Length % 4 != 0) clean.Append('=');
        try { return Convert.FromBase64String(clean.ToString()); }
        catch (FormatException e) { throw new SummaryFormatException("the payload is not valid base64", e); }
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] data)
    {
        byte[] output = ArrayPool<byte>.Shared.Rent(Math.Max(4096, data.Length * 8));
        try
        {
            int length = Gunzip(data, data.Length, ref output);
            return output.AsSpan(0, length).ToArray();
        }
        finally { ArrayPool<byte>.Shared.Return(output); }
    }

    /// <summary>Decompresses into <paramref name="output"/> (pooled, grown as needed); returns the length.</summary>
    private static int Gunzip(byte[] data, int dataLength, ref byte[] output)
    {
        if (dataLength < 18 || data[0] != 0x1f || data[1] != 0x8b)
            throw new SummaryFormatException("the payload is not gzip data");
        try
        {
            int length = 0, read;
            using var input = new GZipStream(new MemoryStream(data, 0, dataLength, writable: false), CompressionMode.Decompress);
            // Never asked to read into no room: a full buffer is doubled first.
            while ((read = input.Read(output, length, output.Length - length)) > 0)
            {
                length += read;
                if (length > MaxDecompressedBytes)
                    throw new SummaryFormatException("the decompressed summary is larger than 64 MiB");
                if (length == output.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(output.Length * 2);
                    output.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(output);
                    output = larger;
                }
            }
            CheckTrailer(data.AsSpan(0, dataLength), output.AsSpan(0, length));
            return length;
        }
        catch (InvalidDataException e) { throw new SummaryFormatException("the gzip data is damaged or truncated", e); }
        catch (EndOfStreamException e) { throw new SummaryFormatException("the gzip data is truncated", e); }
    }

    // GZipStream ends quietly when the deflate data is complete but the 8-byte trailer after it (CRC-32 and length
    // mod 2^32, little-endian) is cut off, so a summary truncated by a few bytes would pass as whole. The trailer is
    // checked here. A summary is one gzip member (our writer and Python's gzip.compress both make one).
    private static void CheckTrailer(ReadOnlySpan<byte> gzip, ReadOnlySpan<byte> content)
    {
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(gzip[^8..]);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(gzip[^4..]);
        if (size != (uint)content.Length || crc != System.IO.Hashing.Crc32.HashToUInt32(content))
            throw new SummaryFormatException("the gzip data is truncated or damaged (its CRC-32/length trailer does not match)");
    }

    /// <summary>Parses the JSON document of a summary. Integers or floats are accepted anywhere.</summary>
    public static SummaryReadResult DecodeDocument(byte[] json) => DecodeDocument(json.AsMemory());

    private static SummaryReadResult DecodeDocument(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SummaryFormatException("the summary is not a JSON object");
            if (!root.TryGetProperty("nodes", out JsonElement nodes) || nodes.ValueKind != JsonValueKind.Object)
                throw new SummaryFormatException("the summary has no \"nodes\" object");

            var usage = new JobUsage();
            foreach (JsonProperty node in nodes.EnumerateObject())
            {
                if (node.Value.ValueKind != JsonValueKind.Object)
                    throw new SummaryFormatException($"node \"{node.Name}\" is not an object");
                string name = node.Name;
                NodeUsage target = usage.Node(name);
                // Matched on the UTF-8 names as JSON holds them, and a figure's place ("node.field") is written out
                // only for an error message: a table of 100,000 jobs reads some millions of fields.
                foreach (JsonProperty field in node.Value.EnumerateObject())
                {
                    JsonElement value = field.Value;
                    if (field.NameEquals("total_memory"u8)) target.TotalMemory = ReadFigure(value, name, "total_memory");
                    else if (field.NameEquals("used_memory"u8)) target.UsedMemory = ReadFigure(value, name, "used_memory");
                    else if (field.NameEquals("total_time"u8)) target.TotalTime = ReadFigure(value, name, "total_time");
                    else if (field.NameEquals("cpus"u8)) target.Cpus = ReadFigure(value, name, "cpus");
                    else if (field.NameEquals("gpu_total_memory"u8)) target.GpuTotalMemory = ReadMap(value, name, "gpu_total_memory");
                    else if (field.NameEquals("gpu_used_memory"u8)) target.GpuUsedMemory = ReadMap(value, name, "gpu_used_memory");
                    else if (field.NameEquals("gpu_utilization"u8)) target.GpuUtilization = ReadMap(value, name, "gpu_utilization");
                    else if (field.NameEquals(SummaryKeys.GpuSmActive)) target.GpuSmActive = ReadMap(value, name, SummaryKeys.GpuSmActive);
                    else if (field.NameEquals(SummaryKeys.GpuTensorActive)) target.GpuTensorActive = ReadMap(value, name, SummaryKeys.GpuTensorActive);
                    else if (field.NameEquals(SummaryKeys.GpuDramActive)) target.GpuDramActive = ReadMap(value, name, SummaryKeys.GpuDramActive);
                    // Anything else: later writers may add figures; they are not ours to judge.
                }
            }
            long? totalTime = root.TryGetProperty("total_time", out JsonElement t) && t.ValueKind == JsonValueKind.Number
                ? (long)ReadFigure(t, "total_time", null).Value : null;
            int? gpus = root.TryGetProperty("gpus", out JsonElement g) && g.ValueKind == JsonValueKind.Number
                ? (int)Math.Min(int.MaxValue, ReadFigure(g, "gpus", null).Value) : null;
            return new SummaryReadResult(SummaryKind.Usage, usage, totalTime, gpus);
        }
        catch (JsonException e) { throw new SummaryFormatException($"the summary JSON is invalid: {e.Message}", e); }
    }

    private static OrderedDictionary<string, Figure> ReadMap(JsonElement element, string node, string field)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new SummaryFormatException($"{node}.{field} is not an object");
        var map = new OrderedDictionary<string, Figure>(StringComparer.Ordinal);
        foreach (JsonProperty entry in element.EnumerateObject())
        {
            string key = entry.Name;
            map[key] = ReadFigure(entry.Value, node, field, key);
        }
        return map;
    }

    /// <summary>
    /// A JSON number as a figure: integer text stays an integer; negative or huge values are refused. Its place
    /// (<paramref name="first"/>.<paramref name="second"/>.<paramref name="third"/>, as far as given) names it in errors.
    /// </summary>
    private static Figure ReadFigure(JsonElement element, string first, string? second, string? third = null)
    {
        string Where() => second is null ? first : third is null ? $"{first}.{second}" : $"{first}.{second}.{third}";
        if (element.ValueKind != JsonValueKind.Number) throw new SummaryFormatException($"{Where()} is not a number");
        // The number's own text, read where the document holds it: no string is made for it.
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        bool isInteger = raw.IndexOfAny(".eE"u8) < 0;
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsNaN(value) || value < 0) throw new SummaryFormatException($"{Where()} is negative ({Encoding.UTF8.GetString(raw)})");
        if (value > MaxFigure || double.IsInfinity(value))
            throw new SummaryFormatException($"{Where()} is implausibly large ({Encoding.UTF8.GetString(raw)})");
        if (isInteger) return Figure.Integer(long.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return Figure.Float(value);
    }
}
