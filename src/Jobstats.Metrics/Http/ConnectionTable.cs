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

    /// <summary>Admits a new connection; null (the caller closes it) only when every connection is serving.</summary>
    public LinkedListNode<Socket>? Admit(Socket socket)
    {
        Socket? dropped = null;
        LinkedListNode<Socket> node;
        lock (_gate)
        {
            if (_waiting.Count + _serving >= capacity)
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
    /// Closes the connection that has waited longest for its head, to free its file descriptor when the process has
    /// none left; false when no connection is waiting.
    /// </summary>
    public bool DropOldestWaiting()
    {
        Socket oldest;
        lock (_gate)
        {
            if (_waiting.First is not { } first) return false;
            _waiting.Remove(first);
            oldest = first.Value;
        }
        oldest.Dispose();
        return true;
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
