namespace Jobstats.Deploy.ImagingAudit.Checks;

/// <summary>
/// Private keys anywhere under /etc of the image (or of the node that would be grabbed): the seed's role monitor
/// left BCM's admin certificate and key in /etc/bcm-role-monitor, which in an image hands cluster-admin rights to
/// every node.
/// </summary>
public sealed class EtcSecretsCheck : IAuditCheck
{
    private const long MaxKeyFileBytes = 1024 * 1024;
    private static readonly string[] AdminCredentialNames = ["admin.pem", "admin.key", "cert.pem", "cert.key"];

    public void Run(AuditContext context)
    {
        var any = false;
        foreach (var root in new[] { context.Image, context.Node }.OfType<RootFileSystem>())
        {
            foreach (var file in root.FilesUnder("/etc"))
            {
                if (context.IsOwned(file))
                {
                    continue; // HostContentCheck reports our own files
                }
                var name = Path.GetFileName(file);
                var looksLikeAdminCredential = AdminCredentialNames.Contains(name)
                    && (file.Contains("bcm", StringComparison.OrdinalIgnoreCase) || file.Contains("/cm", StringComparison.Ordinal));
                var text = root.ReadText(file, MaxKeyFileBytes);
                var hasKey = text is not null && ContentScanner.ContainsPrivateKey(text);
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
        if (!any)
        {
            context.Add(FindingGroup.Secrets, "/etc", Verdict.Ok, "no private key or BCM admin credential under /etc");
        }
    }
}
