using System.CommandLine;
using Jobstatsctl;
using Jobstatsctl.Commands;

var root = new RootCommand("""
    jobstatsctl: deploy jobstats (exporter, Prometheus targets, Slurm epilog, jobstats) onto a Slurm cluster,
    BCM-managed or not, from one inventory file.

    Examples:
      jobstatsctl plan -i cluster.yaml
      jobstatsctl apply -i cluster.yaml
      jobstatsctl verify -i cluster.yaml --job 123456
      jobstatsctl docs -i cluster.yaml > DEPLOYMENT.md
      jobstatsctl uninstall -i cluster.yaml
    """)
{
    PlanCommand.Create(),
    ApplyCommand.Create(),
    VerifyCommand.Create(),
    UninstallCommand.Create(),
    DocsCommand.Create(),
    AuditImageCommand.Create(new DeploymentAuditPlanSource()),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Try 'jobstatsctl --help'.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
