using System.Net.Sockets;
using Jobstats.Metrics.Http;

namespace Jobstats.Metrics.Tests.Http;

public sealed class ConnectionTableTests : IDisposable
{
    private readonly List<Socket> _sockets = [];

    public void Dispose()
    {
        foreach (var socket in _sockets) socket.Dispose();
    }

    [Fact]
    public void When_full_the_connection_waiting_longest_for_its_head_is_closed_to_make_room()
    {
        var table = new ConnectionTable(2);
        var (oldest, older, newcomer) = (NewSocket(), NewSocket(), NewSocket());
        table.Admit(oldest);
        table.Admit(older);

        Assert.NotNull(table.Admit(newcomer));
        Assert.True(oldest.SafeHandle.IsClosed);
        Assert.False(older.SafeHandle.IsClosed);
        Assert.False(newcomer.SafeHandle.IsClosed);
    }

    [Fact]
    public void Serving_connections_are_never_dropped_and_when_all_serve_a_newcomer_is_refused()
    {
        var table = new ConnectionTable(2);
        var (first, second) = (NewSocket(), NewSocket());
        Assert.True(table.BeginServing(table.Admit(first)!));
        Assert.True(table.BeginServing(table.Admit(second)!));

        Assert.Null(table.Admit(NewSocket()));
        Assert.False(first.SafeHandle.IsClosed);
        Assert.False(second.SafeHandle.IsClosed);

        table.EndServing();
        Assert.NotNull(table.Admit(NewSocket()));
    }

    [Fact]
    public void A_connection_dropped_while_waiting_cannot_begin_serving()
    {
        var table = new ConnectionTable(1);
        var dropped = table.Admit(NewSocket())!;
        table.Admit(NewSocket());

        Assert.False(table.BeginServing(dropped));
        table.Forget(dropped);
    }

    [Fact]
    public void Out_of_file_descriptors_the_oldest_waiting_connections_free_room_for_a_scrape_and_the_cap_stays_lower()
    {
        var table = new ConnectionTable(512);
        var sockets = Enumerable.Range(0, 12).Select(_ => NewSocket()).ToList();
        var nodes = sockets.Select(s => table.Admit(s)!).ToList();
        Assert.True(table.BeginServing(nodes[^1])); // a scrape in progress is never dropped

        // 12 open: the cap becomes 12 - 4 = 8, and connections close until one more can be admitted.
        Assert.Equal(5, table.ShrinkForDescriptors(headroom: 4));
        Assert.Equal(8, table.Capacity);
        Assert.All(sockets.Take(5), s => Assert.True(s.SafeHandle.IsClosed));
        Assert.All(sockets.Skip(5), s => Assert.False(s.SafeHandle.IsClosed));

        // From now on a new connection pushes out the oldest waiting one: the count stays under the new cap.
        table.Admit(NewSocket());
        var another = NewSocket();
        table.Admit(another);
        Assert.True(sockets[5].SafeHandle.IsClosed);
        Assert.False(another.SafeHandle.IsClosed);
    }

    [Fact]
    public void Out_of_file_descriptors_with_every_connection_serving_nothing_is_closed()
    {
        var table = new ConnectionTable(512);
        var socket = NewSocket();
        Assert.True(table.BeginServing(table.Admit(socket)!));
        Assert.Equal(0, table.ShrinkForDescriptors(headroom: 8));
        Assert.False(socket.SafeHandle.IsClosed);
        Assert.Equal(1, table.Capacity);
    }

    private Socket NewSocket()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        return socket;
    }
}
