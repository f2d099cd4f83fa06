namespace Jobstats.Prometheus.Api;

/// <summary>
/// Bounds the queries in flight to one Prometheus across everything that shares the gate: Prometheus answers only
/// <c>--query.max-concurrency</c> (20) at a time and queues the rest, so a burst of job ends must not take all of them
/// from the people looking at dashboards. Counts what it lets through, for the service's metrics.
/// </summary>
public sealed class QueryGate(int limit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    private int _inFlight;
    private int _peak;
    private long _total;

    public int Limit { get; } = limit;
    public int InFlight => Volatile.Read(ref _inFlight);
    public int Peak => Volatile.Read(ref _peak);
    public long Total => Interlocked.Read(ref _total);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        int now = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _total);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak) { }
        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(QueryGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            Interlocked.Decrement(ref gate._inFlight);
            gate._slots.Release();
        }
    }
}
