using Jobstats.Deploy.Engine;

namespace Jobstats.Deploy.Tests.Engine;

public class SlurmConfChecksTests
{
    private const string Good = """
        ClusterName=labcluster
        ProctrackType=proctrack/cgroup
        TaskPlugin=task/cgroup,task/affinity
        JobAcctGatherType=jobacct_gather/cgroup   # trailing comment
        AccountingStorageTRES=gres/gpu
        EpilogSlurmctld=
        EpilogSlurmctld=/e.sh
        """;

    [Fact]
    public void A_complete_config_has_no_problems_and_the_last_definition_wins()
    {
        Assert.Empty(SlurmConfChecks.Problems(SlurmConfChecks.Parse(Good), "/e.sh"));
    }

    [Fact]
    public void Each_missing_setting_is_named_with_what_it_needs()
    {
        var problems = SlurmConfChecks.Problems(SlurmConfChecks.Parse("ProctrackType=proctrack/linuxproc\n#JobAcctGatherType=jobacct_gather/cgroup\n"), "/e.sh");
        Assert.Equal(5, problems.Count);
        Assert.Contains("ProctrackType is 'proctrack/linuxproc', needs proctrack/cgroup", problems);
        Assert.Contains("JobAcctGatherType is '', needs jobacct_gather/cgroup", problems);
    }

    [Theory]
    [InlineData("123", true)]
    [InlineData("123_4", true)]
    [InlineData("123+1", true)]      // a heterogeneous component: jobstats reports it, so verify takes it
    [InlineData("123.4", true)]
    [InlineData("123_[1-3]", false)]
    [InlineData("123;id", false)]
    [InlineData("", false)]
    [InlineData("12 3", false)]
    public void Job_ids_are_validated_before_reaching_jobstats(string id, bool valid)
    {
        Assert.Equal(valid, Verifier.JobIdProblem(id) is null);
    }
}
