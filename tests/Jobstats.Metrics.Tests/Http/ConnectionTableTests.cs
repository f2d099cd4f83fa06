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
    public void Out_of_file_descriptors_the_oldest_waiting_connection_gives_its_up()
    {
        var table = new ConnectionTable(512);
        var (oldest, next) = (NewSocket(), NewSocket());
        table.Admit(oldest);
        var serving = table.Admit(next)!;

        Assert.True(table.DropOldestWaiting());
        Assert.True(oldest.SafeHandle.IsClosed);
        Assert.True(table.BeginServing(serving));
        Assert.False(table.DropOldestWaiting());
        Assert.False(next.SafeHandle.IsClosed);
    }

    private Socket NewSocket()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _sockets.Add(socket);
        return socket;
    }
}
