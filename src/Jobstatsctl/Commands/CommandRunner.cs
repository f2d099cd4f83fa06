using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Inventories;
using Jobstats.Slurm.Hostlists;

namespace Jobstatsctl.Commands;

/// <summary>Turns the failures every command can meet into a message on stderr and the right exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (InventoryException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine($"error: {error}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is HostlistException or CmshException or IOException or InvalidOperationException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
