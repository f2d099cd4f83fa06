using System.Security.Cryptography;
using System.Text;
using Jobstats.Deploy.Targets;
using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Targets;

/// <summary>
/// The remote half of an ssh write, run by a real sh: a transfer cut short (ssh killed, connection lost) reaches the
/// script as an early end of input, and must leave the old file in place, with no temp file behind.
/// </summary>
public sealed class SshWriteScriptTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _dir = new();

    private async Task<ProcessResult> WriteAsync(string path, byte[] announced, byte[] received)
    {
        var args = new List<string> { "-c", SshTarget.WriteScript, "sh", path, "644", Environment.UserName, Environment.UserName, TempFileNames.NewId(),
            announced.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexStringLower(SHA256.HashData(announced)) };
        return await new ProcessRunner().RunAsync(new ProcessRequest("sh", args, TimeSpan.FromSeconds(30)) { StandardInput = received }, Ct);
    }

    [Fact]
    public async Task A_complete_transfer_replaces_the_file()
    {
        var path = _dir.Combine("prometheus.yml");
        File.WriteAllText(path, "old\n");
        var content = Encoding.UTF8.GetBytes("global:\n  scrape_interval: 30s\n");
        var result = await WriteAsync(path, content, content);
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Theory]
    [InlineData(10, "received 10 of 31 bytes")]
    [InlineData(0, "received 0 of 31 bytes")]
    public async Task A_transfer_cut_short_leaves_the_old_file(int received, string message)
    {
        var path = _dir.Combine("prometheus.yml");
        File.WriteAllText(path, "old\n");
        var content = Encoding.UTF8.GetBytes("global:\n  scrape_interval: 30s\n");
        var result = await WriteAsync(path, content, content[..received]);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.StandardError);
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task Same_length_other_bytes_are_refused_too()
    {
        var path = _dir.Combine("jobstats.yaml");
        File.WriteAllText(path, "old\n");
        var result = await WriteAsync(path, Encoding.UTF8.GetBytes("abcd\n"), Encoding.UTF8.GetBytes("abce\n"));
        Assert.False(result.Succeeded);
        Assert.Contains("differs from what was sent", result.StandardError);
        Assert.Equal("old\n", File.ReadAllText(path));
    }

    public void Dispose() => _dir.Dispose();
}
