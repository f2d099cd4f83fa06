using System.CommandLine;
using Jobstats.Deploy.Capacity;
using Jobstats.Deploy.Inventories;

namespace Jobstatsctl.Commands;

internal static class CapacityCommand
{
    public static Command Create(TextWriter? stdout = null)
    {
        var inventory = CommonOptions.Inventory();
        var gpuNodes = new Option<int>("--gpu-nodes") { Description = "How many of the compute nodes have 8 GPUs (default: none)" };
        var jobs = new Option<int>("--jobs-per-node") { Description = "Jobs running at once on a node (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("capacity", """
            Print the series, samples per second, disk per day and for the retention, and resident memory that the
            inventory's cluster costs Prometheus and VictoriaMetrics, from costs per sample and per series measured
            on the lab cluster's own data (bench/capacity/lab).

            Example:
              jobstatsctl capacity -i cluster.yaml --gpu-nodes 32 --jobs-per-node 2
            """) { inventory, gpuNodes, jobs };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var loaded = await DeploymentInput.LoadAsync(parse.GetRequiredValue(inventory), ct);
            int compute = loaded.Deployment.Roles.Hosts(RoleNames.Compute).Count;
            int gpus = parse.GetValue(gpuNodes), perNode = parse.GetValue(jobs);
            if (gpus < 0 || gpus > compute)
                throw new Jobstats.Deploy.UsageException($"--gpu-nodes must be between 0 and the {compute} compute nodes of the inventory, not {gpus}");
            if (perNode < 0 || perNode > 1024) throw new Jobstats.Deploy.UsageException($"--jobs-per-node must be between 0 and 1024, not {perNode}");
            (stdout ?? Console.Out).Write(CapacityEstimate.Render(loaded.Inventory, compute, gpus, perNode));
            return ExitCodes.Success;
        }));
        return command;
    }
}
