using Jobstats.Core.Text;
using Jobstats.Deploy;
using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.Inventories;
using Jobstats.Slurm.Hostlists;

namespace Jobstatsctl.Commands;

/// <summary>
/// The one error boundary every command runs inside: what the user can fix (the inventory, the command line) exits 2,
/// what went wrong while working (a host, cmsh, a file) exits 1, each as one line on stderr. Anything else reaches
/// Program's last-resort handler, still without a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body, TextWriter? errors = null)
    {
        errors ??= Console.Error;
        try
        {
            return await body();
        }
        catch (InventoryException e)
        {
            foreach (var error in e.Errors) errors.WriteLine($"error: {TerminalText.Escape(error)}");
            return ExitCodes.Usage;
        }
        catch (UsageException e)
        {
            errors.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is HostlistException or CmshException or ExcludeListFormatException or IOException
                                      or InvalidOperationException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            errors.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return ExitCodes.Failure;
        }
    }
}
