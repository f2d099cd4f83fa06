namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>Is every owned path where it must be: on shared storage, in the image, or left to the runtime tmpfs?</summary>
internal sealed class LocationCheck : IAuditCheck
{
    public void Run(AuditContext context)
    {
        foreach (var path in context.OwnedPaths)
        {
            switch (PathLocations.Of(path.Path))
            {
                case PathLocation.SharedStorage:
                    CheckShared(context, path);
                    break;
                case PathLocation.RuntimeTmpfs:
                    CheckRuntime(context, path);
                    break;
                default:
                    CheckNodeLocal(context, path);
                    break;
            }
        }
    }

    private static void CheckShared(AuditContext context, AuditedPath path)
    {
        var entry = context.Shared.Entry(path.Path);
        if (entry is null)
        {
            context.Add(FindingGroup.SharedStorage, path.Path, Verdict.Blocking,
                $"missing on shared storage ({context.Shared.Root}): no image carries /cm/shared, nodes need it from their first job", path.Component);
        }
        else if (path.IsDirectory != (entry is DirectoryInfo))
        {
            context.Add(FindingGroup.SharedStorage, path.Path, Verdict.Blocking,
                $"on shared storage but is {(entry is DirectoryInfo ? "a directory" : "not a directory")}, expected {KindName(path)}", path.Component);
        }
        else
        {
            context.Add(FindingGroup.SharedStorage, path.Path, Verdict.Ok,
                "present on shared storage; mounted by every node, never imaged", path.Component);
        }
        if (context.Image.Exists(path.Path))
        {
            context.Add(FindingGroup.SharedStorage, path.Path, Verdict.Warning,
                "the image also holds a copy under /cm/shared, hidden by the NFS mount on nodes: remove it from the image", path.Component);
        }
    }

    private static void CheckRuntime(AuditContext context, AuditedPath path)
    {
        if (context.Image.FilesUnder(path.Path).Any() || context.Image.IsRegularFile(path.Path))
        {
            context.Add(FindingGroup.RuntimeTmpfs, path.Path, Verdict.Warning,
                "the image holds runtime files here; /run is a tmpfs on nodes, so they are dead weight: remove them", path.Component);
            return;
        }
        context.Add(FindingGroup.RuntimeTmpfs, path.Path, Verdict.Ok,
            "runtime tmpfs: created at boot by the service or prolog, never captured", path.Component);
    }

    private static void CheckNodeLocal(AuditContext context, AuditedPath path)
    {
        var entry = context.Image.Entry(path.Path);
        var onNode = context.Node?.Exists(path.Path);
        if (entry is null && onNode == true)
        {
            // Before a grab this is the expected state; whether the grab list lets it through is the exclude-list check's verdict.
            context.Add(FindingGroup.NodeLocal, path.Path, Verdict.Ok,
                $"not in the image yet; on the node root {context.Node!.Root}, so grabimage -w from that node captures it", path.Component);
            return;
        }
        if (entry is null)
        {
            context.Add(FindingGroup.NodeLocal, path.Path, Verdict.Blocking,
                "missing from the image: nodes installed or updated from it will not have it", path.Component);
            return;
        }
        var problem = path.Kind switch
        {
            AuditedPathKind.Symlink => CheckSymlink(context, path),
            AuditedPathKind.Directory => context.Image.IsDirectory(path.Path) ? null : "expected a directory",
            _ => context.Image.IsRegularFile(path.Path) ? null : $"expected a regular file, found {(entry.LinkTarget is null ? "a directory" : "a symlink")}",
        };
        if (problem is not null)
        {
            context.Add(FindingGroup.NodeLocal, path.Path, Verdict.Blocking, problem, path.Component);
            return;
        }
        context.Add(FindingGroup.NodeLocal, path.Path, Verdict.Ok,
            path.Kind == AuditedPathKind.Symlink ? $"in the image, links to {entry.LinkTarget}, target present" : "in the image", path.Component);
        if (onNode == false)
        {
            context.Add(FindingGroup.NodeLocal, path.Path, Verdict.Warning,
                $"in the image but not on the node root {context.Node!.Root}: grabimage -w from that node would delete it from the image", path.Component);
        }
    }

    private static string? CheckSymlink(AuditContext context, AuditedPath path)
    {
        var target = context.Image.SymlinkTarget(path.Path);
        if (target is null)
        {
            return $"expected a symlink to {path.SymlinkTarget ?? "its target"}, found a {(context.Image.IsDirectory(path.Path) ? "directory" : "regular file")}";
        }
        if (path.SymlinkTarget is not null && target != path.SymlinkTarget)
        {
            return $"links to {target}, expected {path.SymlinkTarget}";
        }
        var absolute = target.StartsWith('/') ? target : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path.Path) ?? "/", target));
        var (root, where) = PathLocations.Of(absolute) == PathLocation.SharedStorage
            ? (context.Shared, "shared storage")
            : (context.Image, "the image");
        if (!root.Exists(absolute))
        {
            return $"dangling: links to {target}, which is missing on {where} ({root.Root}); every use on every node fails";
        }
        return null;
    }

    private static string KindName(AuditedPath path) => path.IsDirectory ? "a directory" : "a file";
}
