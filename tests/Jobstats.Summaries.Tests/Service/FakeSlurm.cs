using System.Globalization;
using System.Text;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Summaries.Tests.Service;

/// <summary>
/// Slurm's accounting as sacct and sacctmgr show it, in memory, behind the recording process runner: sacct answers
/// `-j` lists in the layout asked for, sacctmgr -i applies the commands it reads on stdin. It can lower-case comments
/// the way 22.05's sacctmgr does, and fail the way a stopped slurmdbd makes both fail.
/// </summary>
internal sealed class FakeSlurm
{
    public sealed record Job(string JobId, string Raw, long? Start, long? End, string State = "COMPLETED", string Tres = "cpu=4,mem=8G,node=1");

    private readonly Dictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    public Dictionary<string, string> Comments { get; } = new(StringComparer.Ordinal);
    public bool LowerCases { get; set; }
    public bool SlurmdbdDown { get; set; }
    public bool WritesFail { get; set; }
    public RecordingProcessRunner Runner { get; }

    public FakeSlurm() => Runner = new RecordingProcessRunner(Answer);

    public void Add(Job job) => _jobs[job.Raw] = job;

    public int Runs(string program) => Runner.Requests.Count(r => r.Name == program);

    private ProcessResult Answer(ProcessRequest request)
    {
        var args = request.Arguments;
        if (request.Name == "sacctmgr")
        {
            if (args.SequenceEqual(["-V"])) return RecordingProcessRunner.Ok("slurm 22.05.8\n");
            if (SlurmdbdDown) return RecordingProcessRunner.Fails(1, "sacctmgr: error: Problem talking to the database: Connection refused");
            var output = new StringBuilder();
            foreach (string line in Encoding.UTF8.GetString(request.StandardInput!.Value.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] words = line.Split(' ');
                string selector = words[3]["jobid=".Length..];
                string value = words[5]["AdminComment=".Length..];
                if (WritesFail) return RecordingProcessRunner.Fails(1, " Error with request: Unknown error");
                string raw = _jobs.Values.FirstOrDefault(j => j.JobId == selector)?.Raw ?? selector;
                Comments[raw] = LowerCases ? value.ToLowerInvariant() : value;
                output.Append(" Modified jobs...\n");
            }
            return RecordingProcessRunner.Ok(output.ToString());
        }
        if (SlurmdbdDown) return RecordingProcessRunner.Fails(1, "sacct: error: Problem talking to the database: Connection refused");
        string fields = args[args.ToList().IndexOf("-o") + 1];
        if (fields.Contains("sluid", StringComparison.Ordinal)) return RecordingProcessRunner.Fails(1, "sacct: error: Invalid field requested: \"sluid\"");
        var ids = args[args.ToList().IndexOf("-j") + 1].Split(',');
        var rows = new StringBuilder();
        foreach (string id in ids)
        {
            if (!_jobs.TryGetValue(id, out Job? job)) continue;
            string comment = Comments.GetValueOrDefault(job.Raw, "");
            if (fields == "jobidraw,admincomment") { rows.Append(job.Raw).Append('|').Append(comment).Append('\n'); continue; }
            string Epoch(long? t) => t?.ToString(CultureInfo.InvariantCulture) ?? "Unknown";
            rows.Append(string.Join('|', job.JobId, job.Raw, Epoch(job.Start), Epoch(job.End), "lab", job.Tres, comment, "alice", "physics",
                job.State, "1", "4", "8G", "normal", "cpu", "60", "train")).Append('\n');
        }
        return RecordingProcessRunner.Ok(rows.ToString());
    }
}
