using System.CommandLine;
using Jobstats.Deploy;
using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit;
using Jobstats.Deploy.ImagingAudit.Reporting;

namespace Jobstatsctl.Commands;

/// <summary>
/// <c>jobstatsctl audit-image</c>: audits a category's software image (and optionally the node to grab from)
/// against the deployment plan and the category's exclude lists. Exit 0 clean or warnings only, 3 on a blocking
/// finding, 1 when the audit cannot run, 2 on a usage error.
/// </summary>
public static class AuditImageCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <param name="planSource">Maps the inventory to the category's plan (the program passes the deployment model's).</param>
    /// <param name="stdout">Where the report goes (data).</param>
    /// <param name="stderr">Where errors and notes go.</param>
    public static Command Create(IAuditPlanSource planSource, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var inventory = new Option<string>("--inventory", "-i") { Description = "Inventory file (jobstats.yaml)", Required = true };
        var category = new Option<string?>("--category") { Description = "BCM category whose image and exclude lists to audit (default: the inventory's only category)" };
        var imageRoot = new Option<string?>("--image-root") { Description = "Offline: the software image directory (default: the category's image, /cm/images/<image>)" };
        var excludeLists = new Option<string?>("--exclude-lists") { Description = "Offline: file of the category's exclude lists, sections [excludelistgrab] ... (default: read through cmsh)" };
        var nodeRoot = new Option<string?>("--node-root") { Description = "Root of the node to grab from (/ on that node), compared with the image and scanned" };
        var sharedRoot = new Option<string>("--shared-root") { Description = "Where /cm/shared is looked up (default /)", DefaultValueFactory = _ => "/" };
        var addresses = new Option<string[]>("--node-address") { Description = "An IP or MAC address of the source node to look for (repeatable; /etc/hosts and sys/class/net are read too)", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of markdown" };
        var command = new Command("audit-image", """
            Before grabimage or imageupdate: check that every file of the deployment reaches the category's nodes
            (shared storage present, image complete, no exclude list drops it) and that nothing host-specific,
            secret or stateful rides along (hostnames, addresses, machine-id, keys, tokens, Prometheus TSDB,
            Slurm spool, wrong-role components, UID/GID drift). Report on stdout; exit 3 on a blocking finding.

            Examples:
              jobstatsctl audit-image -i cluster.yaml --category dgx
              jobstatsctl audit-image -i cluster.yaml --category dgx --node-root / --json
              jobstatsctl audit-image -i cluster.yaml --image-root /cm/images/dgx-image --exclude-lists lists.txt
            """)
        {
            inventory, category, imageRoot, excludeLists, nodeRoot, sharedRoot, addresses, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = stdout ?? Console.Out;
            var errors = stderr ?? Console.Error;
            return CommandRunner.RunAsync(async () =>
            {
                var listsFile = parse.GetValue(excludeLists);
                // Offline when both the image and its exclude lists are given: no cmsh is needed, or asked.
                var offline = listsFile is not null && parse.GetValue(imageRoot) is not null;
                var plan = await planSource.LoadAsync(parse.GetRequiredValue(inventory), parse.GetValue(category), offline, cancellationToken);
                DeploymentInput.PrintWarnings(plan.Warnings ?? [], errors);
                IExcludeListSource? lists = listsFile is null ? plan.ExcludeLists : ExcludeListFile.Load(listsFile);
                if (lists is null)
                    throw new UsageException("no exclude lists: pass --exclude-lists FILE (offline) or enable BCM in the inventory so cmsh can be asked");
                var request = new AuditRequest(
                    plan.Category,
                    plan.ImageName,
                    plan.Roles,
                    plan.Paths,
                    lists,
                    parse.GetValue(imageRoot) ?? plan.ImageRoot,
                    parse.GetValue(nodeRoot),
                    parse.GetValue(sharedRoot) ?? "/",
                    parse.GetValue(addresses));
                var report = ImagingAuditor.Run(request, cancellationToken);
                output.Write(parse.GetValue(json) ? AuditReportJson.Render(report) + "\n" : AuditReportMarkdown.Render(report));
                if (report.HasBlocking)
                {
                    errors.WriteLine($"audit-image: {report.Findings.Count(f => f.Verdict == Verdict.Blocking)} blocking finding(s) for category {report.Category}");
                }
                return report.ExitCode;
            }, errors);
        });
        return command;
    }
}
