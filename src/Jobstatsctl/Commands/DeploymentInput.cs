using Jobstats.Deploy.Workflows;

namespace Jobstatsctl.Commands;

/// <summary>The deployment a command works on, loaded by the library; its warnings shown here, once, on stderr.</summary>
internal static class DeploymentInput
{
    public static async Task<LoadedDeployment> LoadAsync(FileInfo inventory, CancellationToken ct)
    {
        var loaded = await DeploymentLoader.LoadAsync(inventory.FullName, ct);
        PrintWarnings(loaded.Deployment.Warnings, Console.Error);
        return loaded;
    }

    public static void PrintWarnings(IEnumerable<string> warnings, TextWriter errors)
    {
        foreach (var warning in warnings) errors.WriteLine($"warning: {warning}");
    }
}
