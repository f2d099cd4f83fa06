namespace Jobstats.Deploy.ImagingAudit.Accounts;

/// <summary>One user (from /etc/passwd: name, UID, primary GID) or group (from /etc/group: name, GID; Id2 unused).</summary>
internal sealed record AccountEntry(string Name, long Id, long? PrimaryGroupId, int LineNumber);
