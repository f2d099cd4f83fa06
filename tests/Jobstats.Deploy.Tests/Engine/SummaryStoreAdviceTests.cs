using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Inventories;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Engine;

public class SummaryStoreAdviceTests
{
    private static Inventory WithStore(string? store)
    {
        string yaml = "cluster: lab\nroles: {controller: [head]}\n" + (store is null ? "" : $"summaries: {{store: {store}}}\n");
        return InventoryLoader.Parse(yaml, "test.yaml");
    }

    private static Task<string?> Advice(string? store, ProcessResult sacctmgr) =>
        SummaryStoreAdvice.ForAsync(WithStore(store), new RecordingProcessRunner(_ => sacctmgr), TestContext.Current.CancellationToken);

    [Fact]
    public async Task On_a_lower_casing_slurm_plan_says_only_the_database_keeps_upstreams_payload()
    {
        string? note = await Advice(null, RecordingProcessRunner.Ok("slurm 22.05.8\n"));
        Assert.NotNull(note);
        Assert.StartsWith("Slurm 22.05.8 lower-cases AdminComment", note, StringComparison.Ordinal);
        Assert.Contains("summaries.store: database", note, StringComparison.Ordinal);
        Assert.Contains("exact JS1:", await Advice("database", RecordingProcessRunner.Ok("slurm 22.05.8\n")), StringComparison.Ordinal);
        Assert.Contains("mirror", await Advice("database_and_admin_comment", RecordingProcessRunner.Ok("slurm 22.05.8\n")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slurm_that_keeps_case_or_no_sacctmgr_here_gives_no_note()
    {
        Assert.Null(await Advice(null, RecordingProcessRunner.Ok("slurm 23.11.4\n")));
        Assert.Null(await Advice(null, ProcessResult.DidNotExit(ProcessOutcome.FailedToStart, "sacctmgr: not found")));
    }

    [Theory]
    [InlineData("summaries: {store: sql}\n", "'summaries.store' must be one of admin_comment, database, database_and_admin_comment")]
    [InlineData("summaries: {database_option_file: relative.cnf}\n", "summaries.database_option_file")]
    [InlineData("summaries: {mirror: true}\n", "unknown key 'summaries.mirror'")]
    public void The_inventorys_summaries_section_is_checked(string section, string expected)
    {
        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Parse("cluster: lab\nroles: {controller: [head]}\n" + section, "test.yaml"));
        Assert.Contains(e.Errors, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
