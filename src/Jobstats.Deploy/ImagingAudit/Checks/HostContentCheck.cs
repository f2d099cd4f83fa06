namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// Scans our own files and config (in the image, and on the node root when given, since grab copies the node)
/// for the source node's identity and for secrets: rendered once, copied verbatim to every node.
/// </summary>
internal sealed class HostContentCheck : IAuditCheck
{
    private const int MaxFilesPerDirectory = 2000;

    /// <summary>Each node-local file we own once, with files inside our directories (config dirs) too.</summary>
    private static Dictionary<string, string> FilesToScan(AuditContext context, List<RootFileSystem> roots)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodeLocal = context.OwnedPaths.Where(p => PathLocations.Of(p.Path) == PathLocation.NodeLocal).ToList();
        foreach (var owned in nodeLocal.Where(p => p.Kind is AuditedPathKind.File or AuditedPathKind.Unit))
        {
            files.TryAdd(owned.Path, owned.Component);
        }
        foreach (var owned in nodeLocal.Where(p => p.Kind == AuditedPathKind.Directory))
        {
            foreach (var root in roots)
            {
                var scanned = 0;
                foreach (var file in root.FilesUnder(owned.Path))
                {
                    if (++scanned > MaxFilesPerDirectory)
                    {
                        // A limit that is reached is said, never a silent clean verdict (the files beyond were not read).
                        context.Add(FindingGroup.Coverage, owned.Path, Verdict.Warning,
                            $"{root.Label}: the content scan stopped after {MaxFilesPerDirectory} files in this directory of ours: the files after them were not searched for the node's identity or secrets",
                            owned.Component);
                        break;
                    }
                    files.TryAdd(file, owned.Component);
                }
            }
        }
        return files;
    }

    public void Run(AuditContext context)
    {
        if (context.Identity.IsEmpty)
        {
            context.Note("No source-node identity was found (no hostname, machine-id or addresses in the node root or image): "
                + "the hostname and address scan had nothing to look for. Pass --node-root of the node you grab from.");
        }
        var roots = new[] { context.Image, context.Node }.OfType<RootFileSystem>().ToList();
        var clean = 0;
        foreach (var (file, component) in FilesToScan(context, roots))
        {
            foreach (var root in roots)
            {
                var read = root.ReadText(file);
                if (read is null || read.Binary)
                {
                    continue;
                }
                if (read.Truncated)
                {
                    context.Note($"{root.Label}:{file} is over {RootFileSystem.MaxScannedBytes / (1024 * 1024)} MiB of text: only its first part was scanned");
                }
                var hits = ContentScanner.Scan(read.Text, context.Identity).ToList();
                if (hits.Count == 0)
                {
                    clean++;
                }
                foreach (var hit in hits.DistinctBy(h => (h.What, h.Group)))
                {
                    context.Add(hit.Group, file, hit.Verdict,
                        $"{root.Label} copy contains {hit.What} (line {hit.LineNumber}): every node of the image would carry it", component);
                }
            }
        }
        if (clean > 0)
        {
            context.Add(FindingGroup.HostSpecificContent, "(our text files)", Verdict.Ok,
                $"{clean} scanned file copies hold no hostname, address, machine-id, key or token");
        }
        var imageMachineId = context.Image.ReadText("/etc/machine-id", 4096)?.Text.Trim();
        if (!string.IsNullOrEmpty(imageMachineId) && imageMachineId != "uninitialized")
        {
            context.Add(FindingGroup.HostSpecificContent, "/etc/machine-id", Verdict.Warning,
                "the image carries a machine-id: nodes installed from it share one identity unless it is emptied before provisioning");
        }
    }
}
