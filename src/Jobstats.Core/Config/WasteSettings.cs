using Jobstats.Core.Waste;

namespace Jobstats.Core.Config;

/// <summary>The <c>waste:</c> section: the report's rules, its order, and the letter sent to each user.</summary>
public sealed class WasteSettings
{
    public static readonly IReadOnlySet<string> MailPlaceholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "user", "cluster", "since", "until", "lines",
    };

    public List<WasteRule> Rules { get; } = [.. DefaultWasteRules.All];

    /// <summary>The rule whose amount orders the rows, worst first (the first rule when empty).</summary>
    public string SortBy { get; set; } = "";

    public string MailSubject { get; set; } = "Your Slurm jobs from {since} to {until}: resources allocated but not used";

    public string MailText { get; set; } = """
        Hello {user},

        this is a summary of the resources your Slurm jobs on {cluster} allocated but did not use between {since}
        and {until}:

        {lines}

        Allocated resources that go unused cannot serve anyone else while your jobs hold them. "jobstats JOBID"
        shows the figures of each job and how to size the next one.
        """;
}
