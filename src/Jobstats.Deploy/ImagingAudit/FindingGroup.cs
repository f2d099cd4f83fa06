namespace Jobstats.Deploy.ImagingAudit;

/// <summary>The groups of the report, in the order it prints them.</summary>
public enum FindingGroup
{
    SharedStorage,
    NodeLocal,
    RuntimeTmpfs,
    ExcludeLists,
    HostSpecificContent,
    Secrets,
    CapturedState,
    RoleFit,
    UsersAndGroups,
    Coverage,
}

internal static class FindingGroups
{
    public static string Title(this FindingGroup group) => group switch
    {
        FindingGroup.SharedStorage => "Shared storage (/cm/shared: in no image, must exist before nodes boot)",
        FindingGroup.NodeLocal => "Node-local files in the image",
        FindingGroup.RuntimeTmpfs => "Runtime tmpfs (created at boot, never imaged)",
        FindingGroup.ExcludeLists => "Exclude lists (grab, grabnew, update, syncinstall, fullinstall)",
        FindingGroup.HostSpecificContent => "Host-specific content (hostname, addresses, machine-id)",
        FindingGroup.Secrets => "Secrets (private keys, certificates, tokens)",
        FindingGroup.CapturedState => "State that would be captured (TSDB, spool, logs)",
        FindingGroup.RoleFit => "Components on a role that does not need them",
        FindingGroup.UsersAndGroups => "System users and groups",
        FindingGroup.Coverage => "What the audit did not read (special files, scan limit)",
        _ => group.ToString(),
    };
}
