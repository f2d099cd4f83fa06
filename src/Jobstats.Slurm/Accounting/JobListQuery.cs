using System.Text.RegularExpressions;
using Jobstats.Core.Text;
using Jobstats.Slurm.JobIds;

namespace Jobstats.Slurm.Accounting;

/// <summary>
/// Which jobs a table lists, as sacct options: ids (an array's id names all its tasks), user, account, partition,
/// state and a time window. Who may see what is sacct's decision (a user sees their own jobs, an administrator
/// everyone's), so nothing here filters by user on its own.
/// </summary>
public sealed partial record JobListQuery
{
    public IReadOnlyList<JobIdentifier> Ids { get; init; } = [];
    public string? User { get; init; }
    public bool AllUsers { get; init; }
    public string? Account { get; init; }
    public string? Partition { get; init; }
    public string? State { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }
    public string? Cluster { get; init; }

    /// <summary>
    /// Checks the free-text options (they reach sacct as arguments, never through a shell, but a clear error beats
    /// sacct's) and turns the <c>4d</c>/<c>12h</c>/<c>2w</c> shorthand into sacct's <c>now-4days</c>. Returns the
    /// problems, one per option.
    /// </summary>
    public static IReadOnlyList<string> Check(JobListQuery query)
    {
        var problems = new List<string>();
        void Name(string option, string? value)
        {
            if (value is not null && !ListValue().IsMatch(value))
                problems.Add($"{option} \"{Printable(value)}\" is not a list of names (letters, digits, . _ - and commas)");
        }
        Name("--user", query.User);
        Name("--account", query.Account);
        Name("--partition", query.Partition);
        Name("--state", query.State);
        foreach (var (option, value) in new[] { ("--since", query.Since), ("--until", query.Until) })
            if (value is not null && !TimeValue().IsMatch(value))
                problems.Add($"{option} \"{Printable(value)}\" is not a time sacct knows (e.g. 2025-01-31, 2025-01-31T08:00, now-2days, or 4d, 12h, 2w)");
        if (query.AllUsers && query.User is not null) problems.Add("--all-users and --user exclude each other");
        return problems;
    }

    /// <summary>The sacct arguments that select the jobs (without the field list).</summary>
    public IReadOnlyList<string> SelectionArguments()
    {
        var args = new List<string>();
        if (Ids.Count > 0) { args.Add("-j"); args.Add(string.Join(',', Ids.Select(id => id.Text))); }
        if (User is not null) { args.Add("-u"); args.Add(User); }
        else if (AllUsers) args.Add("-a");
        if (Account is not null) { args.Add("-A"); args.Add(Account); }
        if (Partition is not null) { args.Add("-r"); args.Add(Partition); }
        if (State is not null) { args.Add("-s"); args.Add(State); }
        if (Since is not null) { args.Add("-S"); args.Add(SacctTime(Since)); }
        if (Until is not null) { args.Add("-E"); args.Add(SacctTime(Until)); }
        if (Cluster is { Length: > 0 }) { args.Add("-M"); args.Add(Cluster); }
        return args;
    }

    /// <summary>"4d" → "now-4days" (also h, w, m for minutes); anything else goes to sacct as typed.</summary>
    public static string SacctTime(string text)
    {
        Match m = Shorthand().Match(text);
        if (!m.Success) return text;
        string unit = m.Groups[2].Value switch { "m" => "minutes", "h" => "hours", "d" => "days", _ => "weeks" };
        return $"now-{m.Groups[1].Value}{unit}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}(,[A-Za-z0-9_.\-]{1,64}){0,63}$")]
    private static partial Regex ListValue();

    [GeneratedRegex(@"^[A-Za-z0-9:\-+/T]{1,40}$")]
    private static partial Regex TimeValue();

    [GeneratedRegex(@"^([0-9]{1,6})([mhdw])$")]
    private static partial Regex Shorthand();

    private static string Printable(string value) => TerminalText.Escape(value.Length > 60 ? value[..60] + "…" : value);
}
