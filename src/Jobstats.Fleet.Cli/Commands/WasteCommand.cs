using System.CommandLine;
using System.Globalization;
using Jobstats.Fleet.Cli.Waste;
using Jobstats.Hosting;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;

namespace Jobstats.Fleet.Cli.Commands;

/// <summary><c>jobstats waste</c>: what users and accounts allocated but did not use over a period (for admins).</summary>
internal static class WasteCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var since = new Option<string?>("--since") { Description = "Start of the period: YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time (default: 7 days before --until).", HelpName = "TIME" };
        var until = new Option<string?>("--until") { Description = "End of the period, same forms (default: now).", HelpName = "TIME" };
        var format = new Option<string>("--format") { Description = "text, csv or json.", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var mail = new Option<bool>("--mail") { Description = "Write each user a letter with their own lines (waste.mail_subject, waste.mail_text); shown, not sent, without --send." };
        var send = new Option<bool>("--send") { Description = "With --mail: really send the letters through mail.sendmail." };
        var command = new Command("waste", FleetCommands.WasteDescription) { since, until, format, mail, send };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using RunSetup? setup = RunSetup.Create(parse, common, "jobstats", stderr);
            if (setup is null) return 1;
            long now = Clock.Now();
            if (!TryTime(parse.GetValue(until), now, out long end) || !TryTime(parse.GetValue(since), end - 7 * 86400, out long start))
            {
                setup.Log.Error("--since and --until take YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (local time)");
                return 2;
            }
            if (start >= end)
            {
                setup.Log.Error("--since must be before --until");
                return 2;
            }
            if (parse.GetValue(send) && !parse.GetValue(mail))
            {
                setup.Log.Error("--send only goes with --mail");
                return 2;
            }
            var runner = new ProcessRunner(onCallingThread: true);
            var reporter = new WasteReporter(setup.Config, new SacctJobLists(runner, setup.SlurmTimeout),
                new Sendmail(runner, setup.Config.Mail.Sendmail, setup.SlurmTimeout), setup.Log, stdout, TimeZoneInfo.Local);
            WasteFormat chosen = parse.GetValue(format) switch { "csv" => WasteFormat.Csv, "json" => WasteFormat.Json, _ => WasteFormat.Text };
            return await reporter.RunAsync(new WasteRequest(start, end, setup.Cluster, chosen, parse.GetValue(mail), parse.GetValue(send)), cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    private static readonly string[] TimeForms = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>A local date or date-time as epoch seconds; <paramref name="fallback"/> when none was given.</summary>
    private static bool TryTime(string? text, long fallback, out long epoch)
    {
        epoch = fallback;
        if (text is null) return true;
        if (!DateTime.TryParseExact(text, TimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)) return false;
        epoch = new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)).ToUnixTimeSeconds();
        return true;
    }
}
