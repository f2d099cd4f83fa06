using Jobstats.Slurm.Processes;

namespace Jobstats.Slurm.Tests;

/// <summary>Answers commands from a table and records every request, to check the exact argv we build.</summary>
internal sealed class RecordingRunner(Func<ProcessRequest, ProcessResult> answer) : IProcessRunner
{
    public List<ProcessRequest> Requests { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(answer(request));
    }

    public static ProcessResult Ok(string stdout) => new(0, stdout, "", false);
}
