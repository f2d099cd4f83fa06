using Jobstats.Metrics.Exposition;
using Jobstats.Metrics.Tests.Support;

namespace Jobstats.Metrics.Tests.Http;

/// <summary>
/// The server in this process, serving what a program's scrape function builds. The published exporter's tests
/// (tests/Jobstats.Exporter.Tests/Http) hold it to idle and dribbling connections, the connection cap, the deadline
/// and a lowered file-descriptor limit.
/// </summary>
public sealed class MetricsServerTests
{
    private static readonly MetricFamily Depth = new("test_queue_depth", "Entries waiting.", "queue");

    private const string Text = "# HELP test_queue_depth Entries waiting.\n# TYPE test_queue_depth gauge\ntest_queue_depth{queue=\"spool\"} 3\n";

    private static ScrapeBuffer Scrape()
    {
        var buffer = new ScrapeBuffer();
        buffer.Add(Depth, 3, "spool");
        return buffer;
    }

    [Fact]
    public async Task Serves_the_scrape_function_as_text_or_as_OpenMetrics_when_the_client_accepts_it()
    {
        using var server = new RunningServer(Scrape);
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {Text.Length}\r\nConnection: close\r\n\r\n{Text}",
            await server.SendAsync("GET /metrics HTTP/1.1\r\nHost: node\r\n\r\n", cancel));
        var open = Text + "# EOF\n";
        Assert.Equal(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\nContent-Length: {open.Length}\r\nConnection: close\r\n\r\n{open}",
            await server.SendAsync("GET /metrics?x=1 HTTP/1.1\nAccept: application/openmetrics-text; version=1.0.0\n\n", cancel));
        Assert.Empty(server.Log.Lines);
    }

    [Fact]
    public async Task HEAD_gets_the_head_alone_and_the_index_page_carries_the_program_name()
    {
        using var server = new RunningServer(Scrape, name: "summary-service");
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {Text.Length}\r\nConnection: close\r\n\r\n",
            await server.SendAsync("HEAD /metrics HTTP/1.0\r\n\r\n", cancel));
        var index = await server.SendAsync("GET / HTTP/1.1\r\n\r\n", cancel);
        Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n", index);
        Assert.EndsWith("<html><head><title>summary-service</title></head><body><h1>summary-service</h1><p><a href=\"/metrics\">Metrics</a></p></body></html>\n", index);
    }

    /// <summary>About 1 MiB of exposition, as a node with a few hundred jobs serves.</summary>
    private static ScrapeBuffer LargeScrape()
    {
        var buffer = new ScrapeBuffer();
        foreach (var job in Enumerable.Range(0, 20_000)) buffer.Add(Depth, job * 1.5, $"queue-{job}-ünïcødé-{new string('x', job % 50)}");
        return buffer;
    }

    [Fact]
    public async Task A_body_longer_than_a_chunk_is_streamed_chunked_to_HTTP_1_1_and_to_the_close_for_HTTP_1_0()
    {
        using var server = new RunningServer(LargeScrape);
        var cancel = TestContext.Current.CancellationToken;
        var expected = ExpositionWriter.Write(LargeScrape(), ExpositionFormat.PrometheusText);
        Assert.True(expected.Length > 16 * ExpositionBody.ChunkSize);

        // A real HTTP client decodes the chunked coding (as Prometheus' Go client does).
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{server.Port}/metrics", cancel);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, await response.Content.ReadAsStringAsync(cancel));

        var raw = await server.SendAsync("GET /metrics HTTP/1.1\r\n\r\n", cancel);
        // Each HTTP chunk is one of the body's (just under 64 KiB: a line that does not fit starts the next one).
        Assert.Matches("^HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nConnection: close\r\n\r\n[0-9A-F]{4}\r\n# HELP ", raw);
        Assert.EndsWith("\r\n0\r\n\r\n", raw);

        Assert.Equal(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nConnection: close\r\n\r\n{expected}",
            await server.SendAsync("GET /metrics HTTP/1.0\r\n\r\n", cancel));
        Assert.Equal(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(expected)}\r\nConnection: close\r\n\r\n",
            await server.SendAsync("HEAD /metrics HTTP/1.1\r\n\r\n", cancel));
        Assert.Empty(server.Log.Lines);
    }

    [Theory]
    [InlineData("GET /nope HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found\r\n", "not found; try /metrics\n")]
    [InlineData("POST /metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 405 Method Not Allowed\r\n", "only GET is supported\n")]
    [InlineData("GET metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n", "bad request\n")]
    [InlineData("\u0000\u0001 nonsense\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n", "bad request\n")]
    public async Task Other_paths_methods_and_garbage_are_refused_without_scraping(string request, string status, string body)
    {
        var scrapes = 0;
        using var server = new RunningServer(() =>
        {
            Interlocked.Increment(ref scrapes);
            return Scrape();
        });

        var reply = await server.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith(status, reply);
        Assert.EndsWith($"\r\nConnection: close\r\n\r\n{body}", reply);
        Assert.Equal(0, scrapes);
    }

    [Fact]
    public async Task A_scrape_that_throws_closes_its_connection_is_logged_as_an_error_and_the_next_is_served()
    {
        var calls = 0;
        using var server = new RunningServer(() =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("store unreachable") : Scrape());
        var cancel = TestContext.Current.CancellationToken;

        Assert.Equal("", await server.SendAsync("GET /metrics HTTP/1.1\r\n\r\n", cancel));
        Assert.EndsWith(Text, await server.SendAsync("GET /metrics HTTP/1.1\r\n\r\n", cancel));
        Assert.Equal(["error request failed: InvalidOperationException: store unreachable"], server.Log.Lines);
    }

    [Fact]
    public async Task At_most_two_scrapes_run_at_once_and_the_others_wait_their_turn()
    {
        var running = 0;
        var most = 0;
        using var release = new ManualResetEventSlim();
        using var server = new RunningServer(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            release.Wait(TimeSpan.FromSeconds(5));
            Interlocked.Decrement(ref running);
            return Scrape();
        });
        var cancel = TestContext.Current.CancellationToken;

        var replies = Enumerable.Range(0, 5).Select(_ => server.SendAsync("GET /metrics HTTP/1.1\r\n\r\n", cancel)).ToArray();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref running) < 2 && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20, cancel);
        // Five requests are in; give the three beyond the limit time to (wrongly) start scraping too.
        await Task.Delay(300, cancel);
        Assert.Equal(2, Volatile.Read(ref most));

        release.Set();
        foreach (var reply in await Task.WhenAll(replies)) Assert.EndsWith(Text, reply);
        Assert.Equal(2, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }
}
