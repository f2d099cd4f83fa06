using System.Globalization;
using Jobstats.Core.Config;
using Jobstats.Core.Guard;
using Jobstats.Core.Mail;
using Jobstats.Core.Model;
using Jobstats.Core.Notes;
using Jobstats.Processes;
using Jobstats.Prometheus.Api;
using Jobstats.Slurm.Accounting;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.IdleGpus;

/// <summary>What one run of the idle-GPU action was told: the cluster (-c), a forced dry run, "now".</summary>
public sealed record IdleGpuRun(string? Cluster, bool DryRun, long Now);

/// <summary>
/// One run of the idle-GPU action: the running jobs from one sacct call, their GPUs' idle time from one Prometheus
/// query per cluster, the policy's decisions carried out (mail, scancel) or, in a dry run, only logged. Every action is
/// logged; the state file records what was done, so nothing is done twice.
/// </summary>
public sealed class IdleGpuGuard(JobstatsConfig config, SacctJobLists sacct, IProcessRunner runner, PrometheusConnections connections,
    string? prometheusOverride, TimeSpan timeout, TimeSpan slurmTimeout, IServiceLog log)
{
    public async Task<int> RunAsync(IdleGpuRun run, CancellationToken cancellationToken)
    {
        var settings = config.IdleGpus;
        bool dryRun = run.DryRun || settings.Mode == IdleGpuMode.DryRun;
        using var stateFile = new IdleGpuStateFile(settings.StateFile);
        if (!dryRun && !stateFile.TryLock())
        {
            log.Error($"another idle-gpus run holds {settings.StateFile}.lock; nothing done");
            return 1;
        }
        var state = stateFile.Read();

        JobList list = await sacct.RunningAsync(run.Cluster, cancellationToken).ConfigureAwait(false);
        // A job whose line could not be read is neither warned nor cancelled: only what was read is acted on.
        foreach (string line in list.Skipped) log.Warning($"skipped a line of sacct's output: {line}");
        IReadOnlyList<JobRecord> running = [.. list.Jobs.Where(r => r.Gpus > 0)];
        var jobs = new List<IdleGpuJob>();
        foreach (var byCluster in running.GroupBy(r => r.Cluster))
        {
            var idle = await IdleTimesAsync(byCluster.Key, run.Now, cancellationToken).ConfigureAwait(false);
            foreach (var r in byCluster)
                jobs.Add(new IdleGpuJob(r.Cluster, r.JobIdRaw, r.User, r.Account, r.Partition, r.JobName, r.Gpus, r.Start ?? run.Now,
                    idle.TryGetValue(r.JobIdRaw, out double seconds) ? seconds : null));
        }

        var decision = IdleGpuPolicy.Decide(settings, jobs, state, run.Now);
        foreach (string line in decision.Passed) log.Debug(line);
        var done = new List<IdleGpuAction>();
        int failed = 0;
        foreach (var action in decision.Actions)
        {
            string what = action.Kind == IdleGpuActionKind.Warn ? "warn" : "cancel";
            string subject = $"job {action.Job.JobId} (user {action.Job.User}, cluster {action.Job.Cluster}, {action.Job.Gpus} GPUs)";
            if (dryRun)
            {
                Report($"dry run: would {what} {subject}: {action.Reason}");
                continue;
            }
            string? problem = action.Kind == IdleGpuActionKind.Warn
                ? await MailAsync(action, settings.WarningSubject, settings.WarningText, cancellationToken).ConfigureAwait(false)
                : await CancelAsync(action, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                failed++;
                log.Error($"could not {what} {subject}: {problem}");
                continue;
            }
            done.Add(action);
            Report($"{(action.Kind == IdleGpuActionKind.Warn ? "warned" : "cancelled")} {subject}: {action.Reason}");
            if (action.Kind == IdleGpuActionKind.Cancel &&
                await MailAsync(action, settings.CancelSubject, settings.CancelText, cancellationToken).ConfigureAwait(false) is { } mailProblem)
                log.Warning($"{subject} was cancelled, but the notice could not be mailed: {mailProblem}");
        }
        if (!dryRun) stateFile.Write(IdleGpuPolicy.NextState(state, jobs, done, run.Now));
        Report(string.Create(CultureInfo.InvariantCulture,
            $"{jobs.Count} running GPU jobs checked, {decision.Actions.Count} actions{(dryRun ? " (dry run: none taken)" : $", {done.Count} taken, {failed} failed")}"));
        return failed > 0 ? 1 : 0;
    }

    /// <summary>Every action goes to the log: stderr (the timer's journal) and syslog (always, for this command).</summary>
    private void Report(string line) => log.Info(line);

    private async Task<Dictionary<string, double>> IdleTimesAsync(string cluster, long now, CancellationToken cancellationToken)
    {
        var settings = config.IdleGpus;
        // Long enough to see a job idle through its limit and the grace period after the warning.
        double windowMinutes = Math.Max(settings.IdleMinutes, settings.InteractiveIdleMinutes) + settings.GraceMinutes + 30;
        long window = (long)(windowMinutes * 60);
        long step = Math.Max(config.SamplingPeriodSeconds, (window + 9999) / 10000);
        var client = connections.Open(config, config.PrometheusFor(cluster, prometheusOverride));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var series = await client.QueryRangeAsync(IdleGpuTimes.Query(config, cluster), now - window, now, step, deadline.Token).ConfigureAwait(false);
        return IdleGpuTimes.From(series, config, now, step);
    }

    private async Task<string?> MailAsync(IdleGpuAction action, string subject, string text, CancellationToken cancellationToken)
    {
        var figures = IdleGpuPolicy.Figures(action, config.IdleGpus);
        var message = new MailMessage(config.Mail.From, config.Mail.AddressOf(action.Job.User), NoteRule.Fill(subject, figures), NoteRule.Fill(text, figures));
        return await new Sendmail(runner, config.Mail.Sendmail, slurmTimeout).SendAsync(message.Render(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> CancelAsync(IdleGpuAction action, CancellationToken cancellationToken)
    {
        var request = new ProcessRequest("scancel", ["-M", action.Job.Cluster, action.Job.JobId], slurmTimeout);
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? null : $"scancel: {result.Describe()}";
    }
}
