using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Processes;

namespace Jobstats.Deploy.Workflows;

/// <summary>What every command starts from: the inventory, its deployment, and the clients that reach the cluster.</summary>
/// <param name="Cmsh">Null when BCM is disabled or nothing may be asked of it (offline).</param>
public sealed record LoadedDeployment(Inventory Inventory, CmshClient? Cmsh, Deployment Deployment, ITargetFactory Targets, IProcessRunner Processes);
