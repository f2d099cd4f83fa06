using Jobstats.Hosting;
using System.CommandLine;
using System.Text;
using Jobstats.Cli.Commands;

// Data goes to stdout (buffered, flushed once), diagnostics to stderr, both written with write(2) (StandardStream says
// why not the console streams). No Ctrl+C handler is installed (ProcessTerminationTimeout = null): an interrupted
// report has nothing to clean up. 16 K characters hold a report
// whole while the buffer and its encoder's (48 KB) stay small objects: 64 K made 320 KB the run had to clear.
var stdout = new StreamWriter(new StandardStream(1), new UTF8Encoding(false), 16384) { AutoFlush = false };
var stderr = new StreamWriter(new StandardStream(2), new UTF8Encoding(false)) { AutoFlush = true };
var common = new CommonOptions();
// Every run builds every command: System.CommandLine parses against the whole tree, and one parser decides, so there
// is no second, faster one that could disagree with it. That stays cheap as long as a command's Create only builds its
// symbols (options, arguments, descriptions) and its action; services, clients, files and static tables belong inside
// the action, where only the run that chose the command pays for them (building `store` does not show in a profile of
// `jobstats 123`). A new subcommand follows StoreCommand: a static Create(common, stdout, stderr) added here, unless
// it is about many jobs or a job over time: then it belongs to jobstats-fleet (FleetCommands).
Command root = ReportCommand.Create(common, stdout, stderr);
root.Add(StoreCommand.Create(common, stdout, stderr));
foreach (Command fleet in FleetProgram.Commands()) root.Add(fleet);

ParseResult parse = root.Parse(args);
// jobstats-fleet parses and checks the whole command line again, with the command's own options.
if (FleetProgram.Chosen(parse)) return FleetProgram.Exec(args, stderr);
int exitCode = await ProgramCommand.InvokeAsync(parse, stdout, stderr);
stdout.Flush();
return exitCode;
