using Jobstats.Core.Summary;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// <c>jobstats store</c> against the real Prometheus of the report fixture, with fake sacct/sacctmgr that keep the
/// AdminComment in a directory and can lower-case it the way Slurm 22.05's sacctmgr does.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class StoreTests(ReportEnvironment env) : IDisposable
{
    private readonly TempDirectory _state = new("jobstats-store-");

    public void Dispose() => _state.Dispose();

    private Task<(int ExitCode, string Stdout, string Stderr)> Store(string[] args, string version = "22.05.8", bool lowercase = true) =>
        env.Jobstats(["store", .. args], new Dictionary<string, string>
        {
            ["FAKE_SLURM_STATE"] = _state.Path,
            ["FAKE_SACCTMGR_VERSION"] = version,
            ["FAKE_SACCTMGR_LOWERCASE"] = lowercase ? "1" : "0",
            ["FAKE_SACCT_LOG"] = _state.Combine("calls.log"),
        });

    private string[] Calls() => File.ReadAllLines(_state.Combine("calls.log"));

    private string[] StoredFiles() => Directory.GetFiles(_state.Path, "admincomment.*");

    private string Stored(string selector) => File.ReadAllText(_state.Combine("admincomment." + selector));

    private async Task<string> NodeJson(string jobId) => (await env.Jobstats(["-j", "-f", jobId])).Stdout;

    private static string Pretty(string stored)
    {
        var read = SummaryCodec.Read(stored);
        Assert.Equal(SummaryKind.Usage, read.Kind);
        return NodeDictionaryJson.WritePretty(read.Usage!, read.TotalTime!.Value, read.Gpus!.Value) + "\n";
    }

    [Fact]
    public async Task On_slurm_22_05_the_case_safe_form_is_stored_and_reads_back_whole()
    {
        var (exit, _, stderr) = await Store(["1003"]);
        Assert.Equal(0, exit);
        Assert.DoesNotContain("lower-cased", stderr);   // chosen by the version: never written in a form 22.05 destroys
        Assert.Contains("stored a", stderr);
        string stored = Stored("1003");
        Assert.StartsWith("js1b32:", stored);
        Assert.Equal(await NodeJson("1003"), Pretty(stored));
    }

    [Fact]
    public async Task A_hopper_job_is_stored_with_its_gpu_activity_figures()
    {
        var (exit, _, stderr) = await Store(["1014"], version: "23.02.1", lowercase: false);
        Assert.Equal(0, exit);
        Assert.Contains("stored a", stderr);
        string stored = Stored("1014");
        Assert.StartsWith("JS1:H4sI", stored);
        string pretty = Pretty(stored);
        Assert.Equal(await NodeJson("1014"), pretty);
        Assert.Contains("\"gpu_sm_active\": {", pretty);
        Assert.Contains("\"gpu_tensor_active\": {", pretty);
        Assert.Contains("\"gpu_dram_active\": {", pretty);
    }

    [Fact]
    public async Task Lower_casing_is_detected_by_reading_back_even_when_the_version_does_not_say_so()
    {
        var (exit, _, stderr) = await Store(["1001"], version: "23.02.1", lowercase: true);
        Assert.Equal(0, exit);
        Assert.Contains("lower-cased", stderr);
        Assert.StartsWith("js1b32:", Stored("1001"));
        Assert.Equal(await NodeJson("1001"), Pretty(Stored("1001")));
    }

    [Fact]
    public async Task Storing_asks_sacctmgr_its_version_before_the_one_write_and_reads_the_comment_back()
    {
        Assert.Equal(0, (await Store(["1001"], version: "23.02.1", lowercase: false)).ExitCode);
        string[] calls = Calls();
        // The lookup, the version that decides the form, the SLUID (refused, as before Slurm 26), the write, the read-back.
        Assert.Equal(5, calls.Length);
        Assert.Equal("sacctmgr -V", calls[1]);
        Assert.Contains("jobidraw,sluid", calls[2]);
        Assert.StartsWith("sacctmgr -i update job where jobid=1001", calls[3]);
        Assert.Contains("-o admincomment -j 1001", calls[4]);
    }

    [Fact]
    public async Task Slurm_that_keeps_case_gets_the_standard_form()
    {
        var (exit, _, _) = await Store(["1001"], version: "23.02.1", lowercase: false);
        Assert.Equal(0, exit);
        Assert.StartsWith("JS1:H4sI", Stored("1001"));
        Assert.Equal(await NodeJson("1001"), Pretty(Stored("1001")));
    }

    [Fact]
    public async Task Short_and_empty_jobs_store_their_markers()
    {
        Assert.Equal(0, (await Store(["1008"], version: "23.02.1", lowercase: false)).ExitCode);
        Assert.Equal("JS1:Short", Stored("1008"));
        Assert.Equal(0, (await Store(["1006"])).ExitCode);
        Assert.Equal("js1b32:none", Stored("1006"));
    }

    [Fact]
    public async Task A_foreign_admin_comment_is_left_alone_unless_overwrite_is_given()
    {
        var (exit, _, stderr) = await Store(["1009"]);
        Assert.Equal(1, exit);
        Assert.Contains("not a jobstats summary", stderr);
        Assert.False(File.Exists(_state.Combine("admincomment.1009")));

        Assert.Equal(0, (await Store(["--overwrite", "1009"])).ExitCode);
        Assert.Equal("js1b32:none", Stored("1009"));
    }

    [Fact]
    public async Task An_array_task_is_updated_by_its_array_form()
    {
        // The epilog passes the raw id 1101; sacct names it 1100_2, which is what sacctmgr must be given.
        Assert.Equal(0, (await Store(["1101"])).ExitCode);
        Assert.True(File.Exists(_state.Combine("admincomment.1100_2")));
        Assert.False(File.Exists(_state.Combine("admincomment.1101")));
    }

    [Fact]
    public async Task A_job_that_never_started_has_nothing_to_store()
    {
        var (exit, _, stderr) = await Store(["1010"]);
        Assert.Equal(0, exit);
        Assert.Contains("nothing to store", stderr);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task Dry_run_prints_the_value_and_writes_nothing()
    {
        var (exit, stdout, _) = await Store(["--dry-run", "1001"], version: "23.02.1", lowercase: false);
        Assert.Equal(0, exit);
        Assert.StartsWith("JS1:H4sI", stdout);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_hostile_id_is_refused_before_any_slurm_command()
    {
        var (exit, _, stderr) = await Store(["1;sacctmgr -i delete account x"]);
        Assert.Equal(1, exit);
        Assert.Contains("is not a Slurm job id", stderr);
        Assert.False(File.Exists(_state.Combine("calls.log")));
    }
}
