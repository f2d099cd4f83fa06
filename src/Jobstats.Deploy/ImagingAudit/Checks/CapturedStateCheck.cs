using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// Run-time state that an image must not carry: a Prometheus TSDB (the seed called /var/lib/prometheus safe because
/// "it will be empty on new nodes"; grabbing a node where Prometheus ran captures all of it), Slurm spool, our logs.
/// </summary>
internal sealed class CapturedStateCheck : IAuditCheck
{
    private sealed record StateDirectory(string Path, string What, Verdict Verdict);

    private static readonly StateDirectory[] StateDirectories =
    [
        new("/var/lib/prometheus", "a non-empty Prometheus TSDB", Verdict.Blocking),
        new("/var/lib/victoria-metrics", "a non-empty VictoriaMetrics store", Verdict.Blocking),
        new("/var/spool/slurmd", "Slurm spool files", Verdict.Blocking),
        new("/var/spool/slurm", "Slurm spool files", Verdict.Blocking),
        new("/var/spool/slurmctld", "Slurm controller state", Verdict.Blocking),
        new("/cm/local/apps/slurm/var/spool", "Slurm spool files", Verdict.Blocking),
        new("/var/log/jobstats", "jobstats logs", Verdict.Warning),
        new("/run/gpustat", "GPU ownership files", Verdict.Warning),
        new("/run/jobstats", "pid files", Verdict.Warning),
    ];

    public void Run(AuditContext context)
    {
        var any = false;
        foreach (var state in StateDirectories)
        {
            var inImage = context.Image.FilesUnder(state.Path).Take(1000).ToList();
            if (inImage.Count > 0)
            {
                any = true;
                context.Add(FindingGroup.CapturedState, state.Path, state.Verdict,
                    $"the image holds {state.What} ({Describe(inImage)}): imageupdate and installs copy it to every node");
            }
            if (context.Node is null)
            {
                continue;
            }
            var onNode = context.Node.FilesUnder(state.Path).Take(1000).ToList();
            if (onNode.Count == 0)
            {
                continue;
            }
            any = true;
            var grab = context.Lists[ExcludeListKind.Grab].PlainFilter;
            var captured = onNode.Where(f => grab.Decide(f, false).Transferred).ToList();
            if (captured.Count == 0)
            {
                context.Add(FindingGroup.CapturedState, state.Path, Verdict.Ok,
                    $"the node holds {state.What}, but excludelistgrab keeps it out of the image ({grab.Decide(onNode[0], false).Explain()})");
            }
            else
            {
                context.Add(FindingGroup.CapturedState, state.Path, state.Verdict,
                    $"the node holds {state.What} ({Describe(captured)}) and excludelistgrab does not exclude it: grabimage -w captures it into the image (add '- {state.Path}/*' to excludelistgrab or empty it first)");
            }
        }
        if (!any)
        {
            context.Add(FindingGroup.CapturedState, "(state directories)", Verdict.Ok,
                "no TSDB, Slurm spool, jobstats log or runtime files in the image" + (context.Node is null ? "" : " or on the node"));
        }
    }

    private static string Describe(IReadOnlyList<string> files) =>
        files.Count >= 1000 ? $"1000+ files, e.g. {files[0]}" : $"{files.Count} file{(files.Count == 1 ? "" : "s")}, e.g. {files[0]}";
}
