using Jobstats.Summaries.Storage;

namespace Jobstats.Summaries.Tests.Service;

/// <summary>The external store's contract kept in memory, for the service's choices (the real one is tested on MariaDB).</summary>
internal sealed class InMemorySummaryDatabase : ISummaryDatabase
{
    public Dictionary<(string, long), SummaryRecord> Rows { get; } = [];
    public bool Down { get; set; }
    public int Writes { get; private set; }

    public Task WriteAsync(IReadOnlyList<SummaryRecord> summaries, CancellationToken cancellationToken)
    {
        if (Down) throw new SummaryDatabaseException("cannot connect to the summary database at db:3306: Connection refused");
        Writes++;
        foreach (var s in summaries) Rows[(s.Cluster, s.JobIdRaw)] = s;
        return Task.CompletedTask;
    }

    public Task<string?> ReadAsync(string cluster, long jobIdRaw, CancellationToken cancellationToken) =>
        Task.FromResult(Rows.TryGetValue((cluster, jobIdRaw), out var s) ? s.Value : null);

    public Task<IReadOnlySet<long>> WithSummaryAsync(string cluster, IReadOnlyCollection<long> jobIdsRaw, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<long>>(jobIdsRaw.Where(id => Rows.ContainsKey((cluster, id))).ToHashSet());
}
