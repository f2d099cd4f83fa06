using System.CommandLine;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Jobstats.Cli.Commands;

// Data goes to stdout (buffered, flushed once), diagnostics to stderr. Plain file streams on fds 1 and 2 rather
// than System.Console: its terminal set-up (on first console write or a Ctrl+C handler, hence no
// ProcessTerminationTimeout) puts keypad escape sequences into the output.
var stdout = new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1), new UTF8Encoding(false), 65536) { AutoFlush = false };
var stderr = new StreamWriter(new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1), new UTF8Encoding(false)) { AutoFlush = true };
var common = new CommonOptions();
RootCommand root = ReportCommand.Create(common, stdout, stderr);
root.Add(StoreCommand.Create(common, stdout, stderr));

ParseResult parse = root.Parse(args);
int exitCode;
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) stderr.WriteLine("jobstats: " + error.Message);
    stderr.WriteLine("Try 'jobstats --help' for usage.");
    exitCode = 2;
}
else
{
    exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null });
}
stdout.Flush();
return exitCode;
