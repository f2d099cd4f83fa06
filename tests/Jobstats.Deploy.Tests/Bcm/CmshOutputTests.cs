using Jobstats.Deploy.Bcm;

namespace Jobstats.Deploy.Tests.Bcm;

public class CmshOutputTests
{
    private const string DeviceList = """
        Type             Hostname (key)   MAC                Category         Ip              Network        Status
        ---------------- ---------------- ------------------ ---------------- --------------- -------------- ----------
        PhysicalNode     dgx-001          FA:16:3E:AA:00:01  dgx              10.141.0.1      internalnet    [   UP   ]
        PhysicalNode     dgx-002          FA:16:3E:AA:00:02  dgx              10.141.0.2      internalnet    [  DOWN  ]

        """;

    [Fact]
    public void Device_list_yields_host_names()
    {
        Assert.Equal(["dgx-001", "dgx-002"], CmshOutput.ParseDeviceList(DeviceList));
    }

    [Fact]
    public void Device_list_without_a_hostname_column_is_refused()
    {
        Assert.Throws<CmshException>(() => CmshOutput.ParseDeviceList("Error: something went wrong\n"));
    }

    [Fact]
    public void Host_names_with_shell_metacharacters_from_cmsh_are_refused()
    {
        var hostile = DeviceList.Replace("dgx-002", "dgx;rm${IFS}-rf");
        var e = Assert.Throws<CmshException>(() => CmshOutput.ParseDeviceList(hostile));
        Assert.Contains("invalid host name", e.Message);
    }

    [Fact]
    public void Truncated_rows_are_refused()
    {
        var truncated = DeviceList.Split('\n')[0] + "\n" + DeviceList.Split('\n')[1] + "\nPhysicalNode\n";
        Assert.Throws<CmshException>(() => CmshOutput.ParseDeviceList(truncated));
    }

    [Fact]
    public void Header_only_means_no_nodes()
    {
        Assert.Empty(CmshOutput.ParseDeviceList(string.Join('\n', DeviceList.Split('\n').Take(2))));
    }

    [Fact]
    public void Single_values_are_the_last_non_empty_line()
    {
        Assert.Equal("dgx-image", CmshOutput.ParseSingleValue("\r\ndgx-image  \r\n\n"));
        Assert.Equal("", CmshOutput.ParseSingleValue(""));
    }
}
