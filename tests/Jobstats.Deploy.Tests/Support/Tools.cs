using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Support;

/// <summary>Runs a real tool installed on this machine; a missing tool fails the test with what to install.</summary>
public static class Tools
{
    public static async Task<ProcessResult> RunAsync(params string[] argv)
    {
        var path = argv[0].StartsWith('/') ? argv[0] : Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, argv[0])).FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"{argv[0]} is not installed (scripts/install-deps installs it)");
        return await RealProcess.RunAsync(path!, argv.Skip(1), cancellationToken: TestContext.Current.CancellationToken);
    }
}
