using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Jobstats.Metrics.Exposition;

/// <summary>
/// A scrape's exposition as UTF-8 bytes, in 64 KiB chunks rented from a pool: the body is written once, in its final
/// encoding, and grows without copying. The server sends a large body as it is written, dropping each chunk once it is
/// full and sent (<see cref="DropCompleted"/>), so a response holds one or two chunks, not its megabytes (a 500-job
/// node's 1.8 MiB body used to stay resident, chunks pooled, between scrapes). Dispose returns the chunks.
/// </summary>
internal sealed class ExpositionBody : IDisposable
{
    /// <summary>Below the large object heap's threshold, so chunks are ordinary pooled arrays.</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>
    /// A streamed response holds the chunk being filled and at most the one being sent, so a few per response
    /// answered at once. The shared pool would keep more 64 KiB arrays per core than the server ever needs.
    /// </summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(ChunkSize, maxArraysPerBucket: 8);

    private readonly List<byte[]> _chunks = [];
    private readonly List<int> _filled = [];   // bytes written in each chunk but the last (a line that did not fit leaves a gap)
    private int _used = ChunkSize;             // bytes written in the last chunk; "full" until the first one is rented

    /// <summary>Bytes written since the body was created, dropped chunks included.</summary>
    public long Length { get; private set; }

    /// <summary>Whether a chunk is full (the writer has moved on to the next), ready to be sent and dropped.</summary>
    internal bool HasCompleted => _chunks.Count > 1;

    /// <summary>The chunks held, in order, each trimmed to the bytes written.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        for (var i = 0; i < _chunks.Count; i++)
            yield return _chunks[i].AsMemory(0, i == _chunks.Count - 1 ? _used : _filled[i]);
    }

    /// <summary>The full chunks held (all but the one being written), each trimmed to the bytes written.</summary>
    internal IEnumerable<ReadOnlyMemory<byte>> CompletedChunks()
    {
        for (var i = 0; i < _chunks.Count - 1; i++) yield return _chunks[i].AsMemory(0, _filled[i]);
    }

    /// <summary>Returns the full chunks to the pool once they are sent; the one being written stays.</summary>
    internal void DropCompleted()
    {
        for (var i = 0; i < _chunks.Count - 1; i++) Pool.Return(_chunks[i]);
        if (_chunks.Count > 1) _chunks.RemoveRange(0, _chunks.Count - 1);
        _filled.Clear();
    }

    /// <summary>The bytes held (all of them unless chunks were dropped).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Chunks().Sum(chunk => (long)chunk.Length)];
        var at = 0;
        foreach (var chunk in Chunks())
        {
            chunk.Span.CopyTo(bytes.AsSpan(at));
            at += chunk.Length;
        }
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToArray());

    public void Dispose()
    {
        foreach (var chunk in _chunks) Pool.Return(chunk);
        _chunks.Clear();
        _filled.Clear();
        _used = ChunkSize;
        Length = 0;
    }

    /// <summary>Free space of at least <paramref name="size"/> bytes (at most <see cref="ChunkSize"/>), to fill and then <see cref="Advance"/>.</summary>
    internal Span<byte> Reserve(int size)
    {
        if (ChunkSize - _used < size)
        {
            if (_chunks.Count > 0) _filled.Add(_used);
            _chunks.Add(Pool.Rent(ChunkSize));
            _used = 0;
        }
        return _chunks[^1].AsSpan(_used, ChunkSize - _used);
    }

    internal void Advance(int count)
    {
        _used += count;
        Length += count;
    }

    internal void Write(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var free = Reserve(1);
            var part = Math.Min(free.Length, bytes.Length);
            bytes[..part].CopyTo(free);
            Advance(part);
            bytes = bytes[part..];
        }
    }

    /// <summary>UTF-8 of <paramref name="text"/>, invalid UTF-16 replaced by U+FFFD as <see cref="Encoding.UTF8"/> does.</summary>
    internal void Write(ReadOnlySpan<char> text)
    {
        while (text.Length > 0)
        {
            // Four bytes always take at least one whole character (a surrogate pair).
            var free = Reserve(Math.Min(text.Length * 3, 4));
            Utf8.FromUtf16(text, free, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            Advance(written);
            text = text[read..];
        }
    }
}
