using System.CommandLine;
using Jobstats.Fleet.Cli.Fleet;
using Jobstats.Core.Fleet;
using Jobstats.Hosting;
using Jobstats.Slurm;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Fleet.Cli.Commands;

/// <summary>
/// <c>jobstats ls</c>: many jobs in one table. Its options keep sacct's letters where they do not clash with the
/// options every jobstats command has (-S is --syslog there, so the window is --since/--until only).
/// </summary>
internal static class ListCommand
{
    public static Command Create(CommonOptions common, TextWriter stdout, TextWriter stderr)
    {
        var jobIds = new Argument<string[]>("JOBID") { Arity = ArgumentArity.ZeroOrMore, Description = "Jobs to list; an array's id lists all its tasks." };
        var filters = new ListFilters();
        var format = new Option<string>("--format") { Description = "text (the table), json or csv.", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var noColor = new Option<bool>("--no-color", "-n") { Description = "No colour, even on a terminal." };
        var command = new Command("ls", FleetCommands.ListDescription) { jobIds, format, noColor };
        filters.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using Services? services = Services.Create(parse, common, "jobstats", stderr);
            if (services is null) return 1;
            JobListQuery? query = filters.Read(parse, parse.GetValue(jobIds) ?? [], services.Cluster, services.Log);
            if (query is null) return 2;
            var lister = new JobLister(services.Config, services.Sacct, services.Connections, services.PrometheusOverride, services.Timeout, services.Log);
            JobTableResult table;
            try { table = await lister.ListAsync(query, Clock.Now(), cancellationToken).ConfigureAwait(false); }
            catch (SlurmCommandException e) { services.Log.Error(e.Message); return 1; }
            switch (parse.GetValue(format))
            {
                case "json": await stdout.WriteAsync(JobTableData.Json(table.Rows, table.Skipped)).ConfigureAwait(false); break;
                case "csv": JobTableData.WriteCsv(stdout, table.Rows); break;
                default:
                    if (table.Rows.Count == 0)
                        services.Log.Info("no jobs match (without job ids or --since, sacct lists your jobs since midnight)");
                    else new JobTable(services.Config.Thresholds, Terminal.ColorWanted(parse.GetValue(noColor))).Write(stdout, table.Rows);
                    break;
            }
            return 0;
        });
        return command;
    }
}

/// <summary>The selection options of <c>jobstats ls</c>, read into a checked <see cref="JobListQuery"/>.</summary>
internal sealed class ListFilters
{
    private readonly Option<string?> _user = new("--user", "-u") { Description = "Jobs of these users (comma list).", HelpName = "USER" };
    private readonly Option<bool> _allUsers = new("--all-users", "-a") { Description = "Every user's jobs (as far as sacct lets you see them)." };
    private readonly Option<string?> _account = new("--account", "-A") { Description = "Jobs of these accounts (comma list).", HelpName = "ACCOUNT" };
    private readonly Option<string?> _partition = new("--partition", "-r") { Description = "Jobs in these partitions (comma list).", HelpName = "PARTITION" };
    private readonly Option<string?> _state = new("--state", "-s")
    { Description = "Jobs in these states (comma list, sacct's names: RUNNING, CD, F, OOM, TO...). Give --since with it for finished jobs.", HelpName = "STATE" };
    private readonly Option<string?> _since = new("--since")
    { Description = "From this time: sacct's forms (2025-01-31, 2025-01-31T08:00, now-2days) or 4d, 12h, 2w, 30m ago.", HelpName = "TIME" };
    private readonly Option<string?> _until = new("--until") { Description = "Up to this time (same forms as --since).", HelpName = "TIME" };

    public void AddTo(Command command)
    {
        command.Add(_user);
        command.Add(_allUsers);
        command.Add(_account);
        command.Add(_partition);
        command.Add(_state);
        command.Add(_since);
        command.Add(_until);
    }

    /// <summary>The query, or null after logging every problem with the options.</summary>
    public JobListQuery? Read(ParseResult parse, IReadOnlyList<string> ids, string? cluster, Log log)
    {
        var problems = new List<string>();
        var parsed = new List<JobIdentifier>();
        foreach (string text in ids)
        {
            if (JobIdentifier.TryParse(text, out JobIdentifier? id, out string? problem)) parsed.Add(id);
            else problems.Add(problem);
        }
        var query = new JobListQuery
        {
            Ids = parsed,
            User = parse.GetValue(_user),
            AllUsers = parse.GetValue(_allUsers),
            Account = parse.GetValue(_account),
            Partition = parse.GetValue(_partition),
            State = parse.GetValue(_state)?.ToUpperInvariant(),
            Since = parse.GetValue(_since),
            Until = parse.GetValue(_until),
            Cluster = cluster,
        };
        problems.AddRange(JobListQuery.Check(query));
        foreach (string problem in problems) log.Error(problem);
        return problems.Count == 0 ? query : null;
    }
}
