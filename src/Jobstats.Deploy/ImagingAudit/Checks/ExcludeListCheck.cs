using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>Would each owned path survive grab, update and install, given the category's exclude lists?</summary>
internal sealed class ExcludeListCheck : IAuditCheck
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
                case PathLocation.NodeLocal:
                    CheckNodeLocal(context, path.Path, path.IsDirectory, path.Component);
                    break;
            }
        }
        if (context.Request.Paths.Any(p => p.Kind == AuditedPathKind.User))
        {
            CheckNodeLocal(context, "/etc/passwd", false, "users");
            CheckNodeLocal(context, "/etc/group", false, "users");
        }
    }

    private static void CheckShared(AuditContext context, AuditedPath path)
    {
        var grab = Decide(context, ExcludeListKind.Grab, path.Path, path.IsDirectory);
        if (grab.Plain.Transferred)
        {
            context.Add(FindingGroup.ExcludeLists, path.Path, Verdict.Warning,
                "excludelistgrab does not exclude it: grabimage would copy shared storage into the image (add '- /cm/shared/')", path.Component);
        }
        else
        {
            context.Add(FindingGroup.ExcludeLists, path.Path, Verdict.Ok,
                $"kept out of grabbed images as shared storage should be ({grab.Plain.Explain()})", path.Component);
        }
    }

    private static void CheckNodeLocal(AuditContext context, string path, bool isDirectory, string? component)
    {
        var found = false;
        foreach (var kind in ExcludeListKinds.All)
        {
            var (plain, noNewFiles) = Decide(context, kind, path, isDirectory);
            var property = kind.PropertyName();
            if (!plain.Transferred)
            {
                found = true;
                var (verdict, consequence) = kind switch
                {
                    ExcludeListKind.Grab => (Verdict.Blocking, "grabimage -w would not capture it into the image"),
                    ExcludeListKind.GrabNew => (Verdict.Warning, "grabimage -w -i <new image> would leave it out of the new image"),
                    ExcludeListKind.FullInstall => (Verdict.Blocking, "a FULL install would not put it on the node"),
                    ExcludeListKind.Update => (Verdict.Warning, "imageupdate leaves an existing copy on the node untouched, so a changed version never arrives (a node without it still gets it)"),
                    _ => (Verdict.Warning, "an AUTO (sync) install keeps the node's existing copy, so a changed version never arrives (a node without it still gets it)"),
                };
                context.Add(FindingGroup.ExcludeLists, path, verdict, $"{property}: {plain.Explain()}: {consequence}", component);
            }
            if (noNewFiles is { Transferred: false })
            {
                found = true;
                var action = kind == ExcludeListKind.Update ? "imageupdate" : "an AUTO (sync) install";
                context.Add(FindingGroup.ExcludeLists, path, Verdict.Blocking,
                    $"{property} no-new-files: {noNewFiles.Explain()}: {action} never creates it on a node that lacks it", component);
            }
        }
        if (!found)
        {
            context.Add(FindingGroup.ExcludeLists, path, Verdict.Ok, "no list drops it: reaches nodes by grab, update and install", component);
        }
    }

    private static (FilterDecision Plain, FilterDecision? NoNewFiles) Decide(AuditContext context, ExcludeListKind kind, string path, bool isDirectory)
    {
        var list = context.Lists[kind];
        var plain = list.PlainFilter.Decide(path, isDirectory);
        var noNewFiles = kind.HasNoNewFilesSubList() ? list.NoNewFilesFilter.Decide(path, isDirectory) : null;
        return (plain, noNewFiles);
    }
}
