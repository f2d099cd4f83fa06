using System.Collections.Concurrent;
using Jobstats.Processes;

namespace Jobstats.Summaries.Service;

/// <summary>Counts the programs run through it, by name: the Slurm client processes the service spends per job.</summary>
public sealed class CountingProcessRunner(IProcessRunner inner) : IProcessRunner
{
    private readonly ConcurrentDictionary<string, long> _runs = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Runs => _runs;

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        _runs.AddOrUpdate(request.Name, 1, (_, n) => n + 1);
        return inner.RunAsync(request, cancellationToken);
    }
}
