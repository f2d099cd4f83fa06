using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The node prolog/epilog that map GPUs to jobs. BCM's pattern: the script in shared storage, a <c>60-</c> link in the
/// image's node-local prologs/epilogs directory that BCM's generic prolog runs in name order.
/// </summary>
internal static class SlurmNodeScriptsComponent
{
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        const string name = ComponentNames.SlurmNodeScripts;
        foreach (var (script, dir) in new[] { ("prolog-jobstats.sh", Layout.PrologDir), ("epilog-jobstats.sh", Layout.EpilogDir) })
        {
            var content = c.Asset($"slurm/{script}");
            if (content is null)
            {
                c.Warnings.Add($"slurm/{script} is not shipped in this build: GPU ownership will not be recorded");
                continue;
            }
            var shared = $"{Layout.SharedScriptDir}/{script}";
            yield return new FileResource(shared, content, FileModes.Executable) { Component = name, Role = role, Why = "node-side Slurm script; in shared storage so one copy serves every node" };
            yield return new SymlinkResource($"{dir}/60-{script}", shared) { Component = name, Role = role, Why = "BCM's generic prolog/epilog runs the scripts in this directory in name order" };
        }
    }
}
