using Jobstats.Deploy.ImagingAudit.Accounts;

namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// /etc/passwd and /etc/group ride in the image: a user created on the representative node gets whatever UID was
/// free there, so ownership on shared storage and across images must agree.
/// </summary>
internal sealed class UserConsistencyCheck : IAuditCheck
{
    private const long FirstRegularId = 1000;

    public void Run(AuditContext context)
    {
        foreach (var problem in context.ImagePasswd.Problems.Concat(context.ImageGroup.Problems)
                     .Concat(context.NodePasswd?.Problems ?? []).Concat(context.NodeGroup?.Problems ?? []))
        {
            context.Add(FindingGroup.UsersAndGroups, problem.Split(':')[1], Verdict.Warning, problem);
        }
        var owned = context.Request.Paths.Where(p => p.Kind == AuditedPathKind.User).Select(p => p.Path).ToHashSet();
        foreach (var user in owned)
        {
            if (!context.ImagePasswd.Entries.TryGetValue(user, out var imageUser))
            {
                context.Add(FindingGroup.UsersAndGroups, user, Verdict.Blocking,
                    "user missing from the image's /etc/passwd: services and files owned by it break on every node");
                continue;
            }
            context.Add(FindingGroup.UsersAndGroups, user, Verdict.Ok, $"in the image with UID {imageUser.Id}, GID {imageUser.PrimaryGroupId}");
        }
        if (context.NodePasswd is null || context.NodeGroup is null)
        {
            if (owned.Count > 0)
            {
                context.Note("No --node-root: UID/GID consistency between image and node was not compared.");
            }
            return;
        }
        Compare(context, context.ImagePasswd, context.NodePasswd, "user", "UID", owned);
        Compare(context, context.ImageGroup, context.NodeGroup, "group", "GID", owned);
    }

    private static void Compare(AuditContext context, AccountFile image, AccountFile node, string what, string idName, HashSet<string> owned)
    {
        foreach (var (name, imageEntry) in image.Entries)
        {
            if (!node.Entries.TryGetValue(name, out var nodeEntry))
            {
                continue;
            }
            var isOurs = owned.Contains(name);
            if (!isOurs && imageEntry.Id >= FirstRegularId && nodeEntry.Id >= FirstRegularId)
            {
                continue; // regular users come from LDAP or the site's own management, not from us
            }
            var differences = new List<string>();
            if (imageEntry.Id != nodeEntry.Id)
            {
                differences.Add($"{idName} {imageEntry.Id} in the image, {nodeEntry.Id} on the node");
            }
            if (imageEntry.PrimaryGroupId != nodeEntry.PrimaryGroupId)
            {
                differences.Add($"primary GID {imageEntry.PrimaryGroupId} in the image, {nodeEntry.PrimaryGroupId} on the node");
            }
            if (differences.Count == 0)
            {
                continue;
            }
            context.Add(FindingGroup.UsersAndGroups, name, isOurs ? Verdict.Blocking : Verdict.Warning,
                $"system {what} '{name}': {string.Join("; ", differences)}: files it owns change owner when images and nodes are mixed");
        }
    }
}
