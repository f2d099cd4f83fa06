using System.CommandLine;
using Jobstats.Core.Model;
using Jobstats.Core.Timeline;
using Jobstats.Hosting;
using Jobstats.Prometheus.Api;
using Jobstats.Prometheus.Queries;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Fleet.Cli.Commands;

/// <summary><c>jobstats timeline JOBID</c>: a job's CPU, memory and GPU utilisation over its run, as sparklines.</summary>
internal static class TimelineCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var jobId = new Argument<string>("JOBID") { Description = "The job's id (123, 123_4, 123+1)." };
        var noColor = new Option<bool>("--no-color", "-n") { Description = "Plain ASCII, even on a terminal." };
        var blocks = new Option<bool>("--unicode", "-u") { Description = "Unicode block characters even when piped (for less -R or a file viewed later)." };
        var width = new Option<int?>("--width", "-w") { Description = "Characters per line (default: the terminal's width, else 80).", HelpName = "N" };
        width.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int w && (w < 40 || w > 1000)) result.AddError("--width must be between 40 and 1000");
        });
        var command = new Command("timeline", FleetCommands.TimelineDescription) { jobId, noColor, blocks, width };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            if (!JobIdentifier.TryParse(parse.GetRequiredValue(jobId), out JobIdentifier? id, out string? problem))
            {
                services.Log.Error(problem);
                return 2;
            }
            // Block characters need a terminal; a pipe or a file gets ASCII, which every viewer shows.
            bool unicode = !parse.GetValue(noColor) && (parse.GetValue(blocks) || !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or ""));
            int lineWidth = parse.GetValue(width) ?? TerminalWidth();
            try
            {
                JobLookupResult lookup = await services.Sacct.LookupAsync(id, services.Cluster, cancellationToken).ConfigureAwait(false);
                if (!lookup.IsFound) { services.Log.Error(lookup.Message); return 1; }
                JobRecord record = lookup.Record;
                if (record.Start is not long start || start <= 0)
                {
                    services.Log.Error($"job {id} has not started ({record.State}), so there is nothing to draw yet");
                    return 1;
                }
                long now = Clock.Now();
                long end = Math.Min(record.End ?? now, now);
                double retentionDays = services.Config.Summaries.PrometheusRetentionDays;
                if (now - end > retentionDays * 86400)
                {
                    services.Log.Error($"job {id} ended more than {retentionDays:0.##} days ago and Prometheus keeps samples only that long " +
                                       "(summaries.prometheus_retention_days); `jobstats " + id + "` still reports its stored summary");
                    return 1;
                }
                long step = TimelineStep.Choose(start, end, TimelineView.PlotColumns(lineWidth));
                string? sluid = await services.Sacct.SluidAsync(record, cancellationToken).ConfigureAwait(false);
                var access = services.Config.PrometheusFor(record.Cluster, services.PrometheusOverride);
                string url = access.Url;
                var client = services.Connections.Open(services.Config, access);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(services.Timeout);
                JobTimeline timeline;
                try { timeline = await new JobTimelineQuery(services.Config, client, services.Log.DebugEnabled ? services.Log.Debug : null).ReadAsync(record, sluid, start, end, step, deadline.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    services.Log.Error($"job {id}: Prometheus at {url} did not answer within {services.Timeout.TotalSeconds:0.#} s");
                    return 1;
                }
                if (timeline.Series.Count == 0)
                {
                    services.Log.Error($"job {id}: Prometheus at {url} has no samples of it (too short to be sampled, or not on this Prometheus)");
                    return 1;
                }
                await stdout.WriteAsync(new TimelineView(unicode, TimeZoneInfo.Local).Render(record, timeline, services.Config.GrafanaUrl)).ConfigureAwait(false);
                return 0;
            }
            catch (SlurmCommandException e) { services.Log.Error($"job {id}: {e.Message}"); return 1; }
            catch (PrometheusException e) { services.Log.Error($"job {id}: {e.Message}"); return 1; }
        });
        return command;
    }

    private static int TerminalWidth()
    {
        if (Console.IsOutputRedirected) return 80;
        try { return Console.WindowWidth is > 0 and var w ? w : 80; }
        catch (IOException) { return 80; }
    }
}
