using System.Net.Sockets;

namespace Jobstats.Metrics.Http;

/// <summary>
/// The server's open connections, at most <paramref name="capacity"/>. Waiting for a request head costs only a
/// socket and a pending read, so many connections may wait at once; when the table is full, the connection that
/// has waited longest for its head is closed to make room. A scanner or a stuck client therefore only ever pushes
/// out its own older connections, while a scraper, whose head follows its connect at once, is never shut out.
/// Connections whose head has arrived are serving a request and are never dropped (their deadline still applies).
/// </summary>
internal sealed class ConnectionTable(int capacity)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Socket> _waiting = []; // oldest first
    private int _serving;
    private int _capacity = capacity;

    /// <summary>Admits a new connection; null (the caller closes it) only when every connection is serving.</summary>
    public LinkedListNode<Socket>? Admit(Socket socket)
    {
        Socket? dropped = null;
        LinkedListNode<Socket> node;
        lock (_gate)
        {
            if (_waiting.Count + _serving >= _capacity)
            {
                if (_waiting.First is not { } oldest) return null;
                _waiting.Remove(oldest);
                dropped = oldest.Value;
            }
            node = _waiting.AddLast(socket);
        }
        // Closing aborts the dropped connection's pending read; its own task then finishes and forgets it.
        dropped?.Dispose();
        return node;
    }

    /// <summary>
    /// The process has no file descriptor left: from now on at most <paramref name="headroom"/> fewer connections
    /// than are open now, so the files a scrape opens (cgroup files, one at a time per scrape) always find
    /// descriptors, and the oldest waiting connections close at once to get there. Freeing only one descriptor would
    /// hand it to the next queued connection and leave the scrape none. Returns how many closed (0: none waiting).
    /// </summary>
    public int ShrinkForDescriptors(int headroom)
    {
        var dropped = new List<Socket>();
        lock (_gate)
        {
            _capacity = Math.Max(1, Math.Min(_capacity, _waiting.Count + _serving - headroom));
            while (_waiting.Count + _serving >= _capacity && _waiting.First is { } oldest)
            {
                _waiting.Remove(oldest);
                dropped.Add(oldest.Value);
            }
        }
        foreach (var socket in dropped) socket.Dispose();
        return dropped.Count;
    }

    /// <summary>The most connections held at once (lowered by <see cref="ShrinkForDescriptors"/>).</summary>
    public int Capacity
    {
        get { lock (_gate) return _capacity; }
    }

    /// <summary>The head has arrived: the connection now serves a request. False when it was dropped meanwhile.</summary>
    public bool BeginServing(LinkedListNode<Socket> connection)
    {
        lock (_gate)
        {
            if (connection.List is null) return false;
            _waiting.Remove(connection);
            _serving++;
            return true;
        }
    }

    public void EndServing()
    {
        lock (_gate) _serving--;
    }

    /// <summary>A connection that ends before its head arrived (timed out, closed by the client, or dropped).</summary>
    public void Forget(LinkedListNode<Socket> connection)
    {
        lock (_gate)
            if (connection.List is not null) _waiting.Remove(connection);
    }
}
