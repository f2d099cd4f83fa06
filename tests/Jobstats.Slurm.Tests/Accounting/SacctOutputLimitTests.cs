using System.Diagnostics;
using Jobstats.Processes;
using Jobstats.Slurm.Accounting;
using Jobstats.Slurm.JobIds;
using Jobstats.Testing;

namespace Jobstats.Slurm.Tests.Accounting;

/// <summary>A fake sacct that floods its output, run through the real process runner.</summary>
public sealed class SacctOutputLimitTests : IDisposable
{
    private readonly TempDirectory _dir = new("jobstats-sacct-");

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SacctClient FakeSacct(string lookupBody)
    {
        string path = _dir.Combine("sacct");
        File.WriteAllText(path, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'slurm 24.05.1'; exit 0; fi\n" + lookupBody + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new SacctClient(new ProcessRunner(), TimeSpan.FromSeconds(60), path);
    }

    [Fact]
    public async Task Endless_output_is_cut_off_at_the_cap_with_a_clear_error_long_before_the_time_limit()
    {
        var sacct = FakeSacct("exec yes '1|1|1735732800|1735736400|lab|cpu=1|'");
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => sacct.LookupAsync(JobIdentifier.Parse("1"), null, Token));
        Assert.Equal("sacct printed more than 64 MiB; stopped it", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_huge_error_line_is_quoted_short()
    {
        var sacct = FakeSacct("head -c 50000000 /dev/zero | tr '\\0' e >&2; exit 1");
        var e = await Assert.ThrowsAsync<SlurmCommandException>(() => sacct.LookupAsync(JobIdentifier.Parse("1"), null, Token));
        Assert.StartsWith("sacct failed (exit 1): eeee", e.Message);
        Assert.True(e.Message.Length < 250, $"{e.Message.Length} characters");
    }
}
