using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// Temp files of jobstatsctl's atomic writes, left when an apply was killed (or is still running): each one means the
/// image (or the node to grab) may hold a half-applied deployment, and rsync would copy the file to every node. They
/// sit beside the files they were to replace, so the directories of our paths and /etc (passwd, group) are looked at.
/// </summary>
internal sealed class LeftoverTempFileCheck : IAuditCheck
{
    public void Run(AuditContext context)
    {
        var directories = context.OwnedPaths
            .Where(p => PathLocations.Of(p.Path) == PathLocation.NodeLocal)
            .SelectMany(p => p.Kind == AuditedPathKind.Directory ? [p.Path, Parent(p.Path)] : new[] { Parent(p.Path) })
            .Append("/etc")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var root in new[] { context.Image, context.Node }.OfType<RootFileSystem>())
        {
            foreach (var directory in directories)
            {
                foreach (var name in root.NamesIn(directory).Where(TempFileNames.IsAnyRelease))
                {
                    context.Add(FindingGroup.NodeLocal, $"{directory.TrimEnd('/')}/{name}", Verdict.Blocking,
                        $"{root.Label}: temp file of an interrupted jobstatsctl write (an apply was killed or is still running): the deployment there may be half applied and every node would get this file; let apply finish or run it again, delete the file, then audit again");
                }
            }
        }
    }

    private static string Parent(string path) => Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "/";
}
