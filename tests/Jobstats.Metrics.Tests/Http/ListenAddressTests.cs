using System.Net;
using Jobstats.Metrics.Http;

namespace Jobstats.Metrics.Tests.Http;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(":9306", null, 9306)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:9306", "::1", 9306)]
    [InlineData("localhost:9306", "127.0.0.1", 9306)]
    [InlineData("0.0.0.0:80", "0.0.0.0", 80)]
    public void Valid_addresses(string text, string? address, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var ip, out var parsedPort, out var error), error);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), ip);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("9306")]
    [InlineData(":")]
    [InlineData(":65536")]
    [InlineData(":-1")]
    [InlineData("host.example:9306")]
    [InlineData("1.2.3.4:12ab")]
    public void Invalid_addresses_explain_themselves(string text)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out _, out var error));
        Assert.Contains(text, error);
    }
}
