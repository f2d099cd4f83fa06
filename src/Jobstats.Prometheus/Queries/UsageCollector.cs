using Jobstats.Core.Config;
using Jobstats.Core.Formatting;
using Jobstats.Core.Model;
using Jobstats.Core.Summary;
using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Queries;

/// <summary>
/// Runs queries concurrently under one deadline and folds the series into node dictionaries: one job's, or many jobs'
/// told apart by a label.
/// </summary>
public sealed class UsageCollector(PrometheusClient client, JobstatsConfig config, Action<string>? debug = null)
{
    public async Task<JobUsage> CollectAsync(IReadOnlyList<UsageQuery> queries, long time, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var usage = new JobUsage();
        await CollectAsync(queries, time, timeout, _ => usage, cancellationToken).ConfigureAwait(false);
        return usage;
    }

    /// <summary>Folds each series into the usage <paramref name="route"/> picks for it; a series routed to null is dropped.</summary>
    public async Task CollectAsync(IReadOnlyList<UsageQuery> queries, long time, TimeSpan timeout, Func<Series, JobUsage?> route,
        CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var tasks = queries.Select(q =>
        {
            debug?.Invoke($"query {q.Figure} at {time}: {q.PromQl}");
            return client.QueryAsync(q.PromQl, time, deadline.Token);
        }).ToList();
        IReadOnlyList<Series>[] results;
        try { results = await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusException($"Prometheus at {client.BaseUrl} did not answer within {timeout.TotalSeconds:0.#} s");
        }

        for (int i = 0; i < queries.Count; i++)
        {
            debug?.Invoke($"{queries[i].Figure}: {results[i].Count} series");
            foreach (Series series in results[i])
                if (route(series) is { } usage) SeriesFolding.Add(usage, queries[i].Figure, series, config, debug);
        }
    }
}
