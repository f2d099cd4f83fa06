using System.Text;
using Jobstats.Metrics.Http;

namespace Jobstats.Metrics.Tests.Http;

public sealed class HttpRequestHeadTests
{
    [Fact]
    public void Request_line_path_without_query_and_accept_header()
    {
        var head = HttpRequestHead.Parse(Encoding.ASCII.GetBytes(
            "GET /metrics?x=1 HTTP/1.1\r\nHost: n:9306\r\naccept:  application/openmetrics-text;version=1.0.0 \r\nUser-Agent: Prometheus/2.42.0"));
        Assert.Equal(new HttpRequestHead("GET", "/metrics", "application/openmetrics-text;version=1.0.0"), head);
    }

    [Fact]
    public void Bare_LF_line_endings_are_accepted_as_RFC_9112_allows()
    {
        var head = HttpRequestHead.Parse(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\nHost: n\r\nAccept: application/openmetrics-text\r"));
        Assert.Equal(new HttpRequestHead("GET", "/metrics", "application/openmetrics-text"), head);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: n\r\n\r\nbody", 24)]
    [InlineData("GET / HTTP/1.1\nHost: n\n\n", 22)]
    [InlineData("GET / HTTP/1.1\nHost: n\r\n\n", 23)]
    [InlineData("GET / HTTP/1.1\r\n\nHost: n\r\n\r\n", 15)]
    [InlineData("GET / HTTP/1.1\r\nHost: n\r\n", -1)]
    [InlineData("GET / HTTP/1.1\r\nHost: n\r\n\r", -1)]
    public void The_head_ends_at_the_first_empty_line_with_either_line_ending(string text, int end) =>
        Assert.Equal(end, HttpRequestHead.EndOf(Encoding.ASCII.GetBytes(text)));

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
