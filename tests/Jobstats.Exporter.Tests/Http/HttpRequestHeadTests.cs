using System.Text;
using Jobstats.Exporter.Http;

namespace Jobstats.Exporter.Tests.Http;

public sealed class HttpRequestHeadTests
{
    [Fact]
    public void Request_line_path_without_query_and_accept_header()
    {
        var head = HttpRequestHead.Parse(Encoding.ASCII.GetBytes(
            "GET /metrics?x=1 HTTP/1.1\r\nHost: n:9306\r\naccept:  application/openmetrics-text;version=1.0.0 \r\nUser-Agent: Prometheus/2.42.0"));
        Assert.Equal(new HttpRequestHead("GET", "/metrics", "application/openmetrics-text;version=1.0.0"), head);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET")]
    [InlineData("GET /metrics")]
    [InlineData("GET /metrics HTTP/2.0")]
    [InlineData("GET metrics HTTP/1.1")]
    [InlineData("GET  /metrics HTTP/1.1")]
    [InlineData("\u0000\u0001 / HTTP/1.1x")]
    public void Malformed_heads_are_rejected(string text) => Assert.Null(HttpRequestHead.Parse(Encoding.Latin1.GetBytes(text)));
}
