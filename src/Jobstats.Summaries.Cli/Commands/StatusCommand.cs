using System.CommandLine;
using Jobstats.Hosting;
using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Cli.Commands;

/// <summary><c>jobstats-summaries status</c>: the queue and the service's last figures, read from the spool.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("status", "Show the summary queue (depth, oldest entry, what entries wait on) and the service's figures.");
        common.AddTo(command);
        command.SetAction(parse =>
        {
            using ServiceContext? context = ServiceContext.Create(parse, common, "jobstats-summaries", stderr);
            if (context is null) return 1;
            var queue = context.Queue;
            if (!Directory.Exists(queue.Root))
            {
                context.Log.Error($"there is no summary spool at {queue.Root} (summaries.spool_dir)");
                return 1;
            }
            try
            {
                long now = Clock.Now();
                // Reading does not move bad files aside here: that is the service's job, and status may run as anyone.
                QueueFigures figures = QueueFigures.Of(queue.Read(quarantine: false), now);
                stdout.Write(StatusText.Render(queue.Root, figures, StatusFile.Read(queue.Root), now));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Log.Error($"cannot read the summary spool {queue.Root}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
