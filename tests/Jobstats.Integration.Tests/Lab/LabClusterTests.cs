using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Lab;

/// <summary>
/// The facts the product depends on, checked on the real lab Slurm: jobs run and are accounted, the cgroup v1 tree
/// our exporter reads exists while they run, and what this Slurm's sacctmgr does to an AdminComment.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LabClusterTests(LabCluster lab)
{
    private const int Cores = 2;
    private const int Seconds = 10;
    private const int Megabytes = 200;

    [Fact]
    public async Task A_burn_job_runs_in_its_cgroup_and_is_accounted_as_completed()
    {
        var jobId = await lab.SubmitBurnJobAsync(Cores, Seconds, Megabytes, "lab-burn");
        var jobCgroupSeen = WatchJobCgroupAsync(jobId, TimeSpan.FromSeconds(Seconds + 60));

        var state = await lab.WaitForJobToFinishAsync(jobId, TimeSpan.FromSeconds(Seconds + 90));

        Assert.Equal("COMPLETED", state);
        var seen = await jobCgroupSeen;
        Assert.True(seen.Count > 0, $"no cgroup v1 directory slurm_{lab.NodeName}/uid_*/job_{jobId} appeared while the job ran");
        Assert.Contains(seen, path => path.StartsWith("/sys/fs/cgroup/memory/", StringComparison.Ordinal));
        Assert.Contains(seen, path => path.StartsWith("/sys/fs/cgroup/cpuacct/", StringComparison.Ordinal));

        var row = await lab.SacctAsync(jobId,
            ["JobIDRaw", "Cluster", "Partition", "JobName", "State", "ExitCode", "NNodes", "NCPUS", "AllocTRES", "NodeList", "ElapsedRaw"]);
        Assert.Equal(jobId.ToString(), row["JobIDRaw"]);
        Assert.Equal(lab.ClusterName, row["Cluster"]);
        Assert.Equal("debug", row["Partition"]);
        Assert.Equal("lab-burn", row["JobName"]);
        Assert.Equal("0:0", row["ExitCode"]);
        Assert.Equal("1", row["NNodes"]);
        Assert.Equal(Cores.ToString(), row["NCPUS"]);
        Assert.Contains($"cpu={Cores}", row["AllocTRES"].Split(','));
        Assert.Equal(lab.NodeName, row["NodeList"]);
        Assert.True(long.Parse(row["ElapsedRaw"]) >= Seconds, $"elapsed {row["ElapsedRaw"]} s is shorter than the {Seconds} s the job burned");

        var batch = await lab.SacctAsync(jobId, ["JobID", "MaxRSS", "TotalCPU"], allocationOnly: false, step: "batch");
        var maxRssBytes = SlurmSizes.ParseBytes(batch["MaxRSS"]);
        Assert.True(maxRssBytes >= Megabytes * 1024L * 1024 * 9 / 10,
            $"batch step MaxRSS {batch["MaxRSS"]} is below the {Megabytes} MB the job touched");
    }

    [Fact]
    public async Task Sacctmgr_on_this_slurm_stores_an_admin_comment_the_way_the_summary_encoding_expects()
    {
        var jobId = await lab.SubmitBurnJobAsync(1, 1, 1, "lab-comment");
        Assert.Equal("COMPLETED", await lab.WaitForJobToFinishAsync(jobId, TimeSpan.FromSeconds(90)));
        const string written = "JS1:MiXeD+Case/Value=";

        var update = await lab.RunAsync("sacctmgr", ["-i", "update", "job", "where", $"jobid={jobId}", "set", $"AdminComment={written}"]);
        update.EnsureSuccess();
        var stored = (await lab.SacctAsync(jobId, ["AdminComment"]))["AdminComment"];

        var version = (await lab.RunAsync("sacct", ["--version"])).EnsureSuccess().StandardOutput.Trim();
        // Slurm 22.05 lower-cases the value (which is why the case-safe summary form exists); later releases keep it.
        // `sacct --version` prints "slurm 22.05.8" upstream and "slurm-wlm 22.05.8" on Debian.
        var expected = version.Split(' ').LastOrDefault("").StartsWith("22.05.", StringComparison.Ordinal)
            ? written.ToLowerInvariant()
            : written;
        Assert.Equal(expected, stored);
    }

    /// <summary>Collects every job cgroup directory of this job seen under the v1 controllers until the job ends.</summary>
    private async Task<List<string>> WatchJobCgroupAsync(long jobId, TimeSpan timeout)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        var sawAny = false;
        while (DateTime.UtcNow < deadline)
        {
            var now = new List<string>();
            foreach (var controller in new[] { "memory", "cpuacct", "cpuset" })
            {
                var root = $"/sys/fs/cgroup/{controller}/slurm_{lab.NodeName}";
                if (!Directory.Exists(root))
                    continue;
                foreach (var uid in Directory.EnumerateDirectories(root, "uid_*"))
                {
                    var job = Path.Combine(uid, $"job_{jobId}");
                    if (Directory.Exists(job))
                        now.Add(job);
                }
            }
            foreach (var path in now.Where(p => !seen.Contains(p)))
                seen.Add(path);
            if (now.Count > 0)
                sawAny = true;
            else if (sawAny)
                break; // the job's cgroups are gone: it ended
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        return seen;
    }
}
