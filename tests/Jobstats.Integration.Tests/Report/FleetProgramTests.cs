using Jobstats.Deploy.Resources;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// jobstats hands ls, array, waste and timeline to jobstats-fleet beside it (FleetProgram): the user sees one program,
/// whose --help lists every command, and a missing jobstats-fleet is said plainly.
/// </summary>
public sealed class FleetProgramTests : IDisposable
{
    private readonly TempDirectory _dir = new("jobstats-fleet-program-");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(string program, params string[] args)
    {
        var result = await RealProcess.RunAsync(program, args);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    [Fact]
    public async Task Help_lists_the_commands_of_both_programs()
    {
        var (exit, stdout, stderr) = await Run(Repository.PublishedProgram("jobstats"), "--help");
        Assert.Equal((0, ""), (exit, stderr));
        foreach (string command in new[] { "store <JOBID>", "ls <JOBID>", "array <ARRAYID>", "waste ", "timeline <JOBID>" })
            Assert.Contains("\n  " + command, stdout);
    }

    [Fact]
    public async Task A_fleet_command_answers_with_its_own_help_and_errors_under_the_name_jobstats()
    {
        string jobstats = Repository.PublishedProgram("jobstats");
        var (exit, stdout, _) = await Run(jobstats, "ls", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n  jobstats ls [<JOBID>...] [options]", stdout);
        Assert.Contains("--since <TIME>", stdout);

        (exit, stdout, string stderr) = await Run(jobstats, "waste", "--format", "xml");
        Assert.Equal((2, ""), (exit, stdout));
        Assert.StartsWith("jobstats: ", stderr);
        Assert.EndsWith("Try 'jobstats --help' for usage.\n", stderr);
    }

    [Fact]
    public async Task Without_jobstats_fleet_beside_it_a_fleet_command_says_what_is_missing_and_a_report_still_parses()
    {
        string alone = _dir.Combine("jobstats");
        File.Copy(Repository.PublishedProgram("jobstats"), alone);
        File.SetUnixFileMode(alone, (UnixFileMode)FileModes.Executable);
        var (exit, stdout, stderr) = await Run(alone, "ls", "--since", "7d");
        Assert.Equal((1, ""), (exit, stdout));
        Assert.Equal($"jobstats: cannot run {_dir.Combine("jobstats-fleet")}, which this command needs (No such file or directory); " +
                     "install jobstats-fleet beside jobstats\n", stderr);

        (exit, _, stderr) = await Run(alone, "--version");
        Assert.Equal((0, ""), (exit, stderr));
    }
}
