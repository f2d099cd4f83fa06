using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Tests.Resources;

public class ManagedBlockResourceTests
{
    private static readonly string[] Lines = ["EpilogSlurmctld=/x.sh"];

    [Fact]
    public void Appends_once_replaces_in_place_and_removes_leaving_the_rest_byte_for_byte()
    {
        const string original = "ClusterName=c\n# keep me\nSlurmUser=slurm";
        var added = ManagedBlockResource.Render(original, Lines);
        Assert.Equal($"{original}\n{ManagedBlockResource.Begin}\nEpilogSlurmctld=/x.sh\n{ManagedBlockResource.End}\n", added);
        var edited = added + "NodeName=n1\n";
        var replaced = ManagedBlockResource.Render(edited, ["EpilogSlurmctld=/y.sh"]);
        Assert.Equal(edited.Replace("/x.sh", "/y.sh"), replaced);
        Assert.Equal(original + "\nNodeName=n1\n", ManagedBlockResource.Render(replaced, null));
    }

    [Fact]
    public void A_begin_marker_without_end_is_refused_instead_of_guessed()
    {
        var broken = $"A=1\n{ManagedBlockResource.Begin}\nEpilogSlurmctld=/x.sh\n";
        var e = Assert.Throws<IOException>(() => ManagedBlockResource.Render(broken, Lines));
        Assert.Contains("no END marker", e.Message);
    }

    [Fact]
    public void An_empty_file_gets_just_the_block()
    {
        Assert.Equal($"{ManagedBlockResource.Begin}\nEpilogSlurmctld=/x.sh\n{ManagedBlockResource.End}\n", ManagedBlockResource.Render("", Lines));
    }
}
