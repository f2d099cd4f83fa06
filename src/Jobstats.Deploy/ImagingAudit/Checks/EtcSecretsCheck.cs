namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// Private keys anywhere under /etc of the image (or of the node that would be grabbed): the seed's role monitor
/// left BCM's admin certificate and key in /etc/bcm-role-monitor, which in an image hands cluster-admin rights to
/// every node. The walk streams (memory does not grow with the tree) and reads regular files only, at most
/// <see cref="MaxKeyFileBytes"/> of each; what it could not read is reported, never silently skipped.
/// </summary>
internal sealed class EtcSecretsCheck : IAuditCheck
{
    private const long MaxKeyFileBytes = 1024 * 1024;
    private static readonly string[] AdminCredentialNames = ["admin.pem", "admin.key", "cert.pem", "cert.key"];

    public void Run(AuditContext context)
    {
        var any = false;
        var partlyRead = new List<string>();
        foreach (var root in new[] { context.Image, context.Node }.OfType<RootFileSystem>())
        {
            var scanned = 0;
            foreach (var file in root.FilesUnder("/etc"))
            {
                if (++scanned > context.Request.EtcFileLimit)
                {
                    context.Add(FindingGroup.Coverage, "/etc", Verdict.Warning,
                        $"{root.Label}: the secrets scan stopped after {context.Request.EtcFileLimit} files: the files after them were not searched for private keys or BCM admin credentials");
                    break;
                }
                if (context.IsOwned(file))
                {
                    continue; // HostContentCheck reports our own files
                }
                var name = Path.GetFileName(file);
                var looksLikeAdminCredential = AdminCredentialNames.Contains(name)
                    && (file.Contains("bcm", StringComparison.OrdinalIgnoreCase) || file.Contains("/cm", StringComparison.Ordinal));
                var read = root.ReadText(file, MaxKeyFileBytes);
                if (read is null && root.TypeOf(file) is var type and not (EntryType.Regular or EntryType.Missing))
                {
                    context.Add(FindingGroup.Coverage, file, Verdict.Warning,
                        $"{root.Label}: a {type.Describe()} under /etc: special files do not belong in an image's /etc (every node would get it); not read");
                    continue;
                }
                if (read is { Truncated: true, Binary: false })
                {
                    partlyRead.Add($"{root.Label}:{file}");
                }
                var hasKey = read is not null && ContentScanner.ContainsPrivateKey(read.Text);
                if (!hasKey && !looksLikeAdminCredential)
                {
                    continue;
                }
                any = true;
                if (looksLikeAdminCredential)
                {
                    context.Add(FindingGroup.Secrets, file, Verdict.Blocking,
                        $"{root.Label}: looks like a BCM admin certificate or key: every node of the image would hold cluster-admin rights; remove it and read BCM centrally on the head node");
                }
                else if (file.StartsWith("/etc/ssh/ssh_host_", StringComparison.Ordinal))
                {
                    context.Add(FindingGroup.Secrets, file, Verdict.Warning,
                        $"{root.Label}: SSH host key: every node of the image shares it unless the install regenerates host keys");
                }
                else
                {
                    context.Add(FindingGroup.Secrets, file, Verdict.Blocking,
                        $"{root.Label}: private key under /etc: every node of the image would get it");
                }
            }
        }
        if (partlyRead.Count > 0)
        {
            context.Note($"{partlyRead.Count} files under /etc are larger than {MaxKeyFileBytes / (1024 * 1024)} MiB: the secrets scan searched their first 1 MiB only ({string.Join(", ", partlyRead.Take(5))}{(partlyRead.Count > 5 ? ", ..." : "")})");
        }
        if (!any)
        {
            context.Add(FindingGroup.Secrets, "/etc", Verdict.Ok, "no private key or BCM admin credential under /etc");
        }
    }
}
