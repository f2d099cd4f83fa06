using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Tests.Resources;

public class SystemUserResourceTests
{
    [Fact]
    public void Picks_the_highest_free_system_id_across_users_and_groups()
    {
        Assert.Equal(999, SystemUserResource.FreeId("root:x:0:0::/root:/bin/bash\n", ""));
        Assert.Equal(997, SystemUserResource.FreeId("a:x:999:999::/:/bin/false\n", "b:x:998:\n"));
    }

    [Fact]
    public void Malformed_lines_are_skipped_not_fatal()
    {
        Assert.Equal(998, SystemUserResource.FreeId("garbage\n::\nx:x:notanumber:1\nc:x:999:1::/:/x\n", ""));
    }

    [Fact]
    public void Finds_a_user_only_by_exact_name()
    {
        const string passwd = "prometheus2:x:5:5::/:/x\nprometheus:x:6:6::/:/x\n";
        Assert.StartsWith("prometheus:x:6", SystemUserResource.FindLine(passwd, "prometheus"));
        Assert.Null(SystemUserResource.FindLine(passwd, "prom"));
    }
}
