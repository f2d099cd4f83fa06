using System.CommandLine;
using Jobstats.Deploy.Workflows;
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
      jobstatsctl refresh-targets -i cluster.yaml
    """)
{
    PlanCommand.Create(),
    ApplyCommand.Create(),
    VerifyCommand.Create(),
    UninstallCommand.Create(),
    DocsCommand.Create(),
    RefreshTargetsCommand.Create(),
    CapacityCommand.Create(),
    AuditImageCommand.Create(new DeploymentAuditPlanSource()),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Try 'jobstatsctl --help'.");
    return ExitCodes.Usage;
}

// The command runs on the thread pool so that Main stays free to notice a signal even when the command is blocked in a
// synchronous read; unexpected exceptions become one line on stderr, never a stack trace.
using var signals = new TerminationSignals();
var config = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
var command = Task.Run(() => parse.InvokeAsync(config, signals.Token));
if (await Task.WhenAny(command, signals.Abandoned) != command)
{
    Console.Error.WriteLine("jobstatsctl: interrupted");
    return signals.ExitCode!.Value;
}
try
{
    var exitCode = await command;
    return signals.ExitCode ?? exitCode;
}
catch (OperationCanceledException) when (signals.ExitCode is { } interrupted)
{
    Console.Error.WriteLine("jobstatsctl: interrupted");
    return interrupted;
}
catch (Exception e)
{
    Console.Error.WriteLine($"jobstatsctl: unexpected error: {Jobstats.Core.Text.TerminalText.Escape(e.Message)}");
    return ExitCodes.Failure;
}
