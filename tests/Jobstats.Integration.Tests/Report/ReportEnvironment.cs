using Jobstats.Processes;
using Jobstats.Testing;

namespace Jobstats.Integration.Tests.Report;

/// <summary>
/// A real Prometheus serving a TSDB that promtool built from <see cref="FixtureJobs"/>, a fake sacct first on PATH
/// and the published jobstats binary. Shared by the report tests of one class; stopped and removed in Dispose.
/// </summary>
public sealed class ReportEnvironment : IAsyncLifetime
{
    public string RepoRoot => Repository.Root;
    private readonly TempDirectory _work = new("jobstats-report-");
    public string WorkDir => _work.Path;
    public string JobstatsBinary { get; private set; } = "";
    public string PrometheusUrl { get; private set; } = "";
    public string ConfigPath => Path.Combine(WorkDir, "jobstats.yaml");
    public string FixtureDir => Path.Combine(RepoRoot, "tests", "fixtures", "report");
    public string SacctLog => Path.Combine(WorkDir, "sacct.log");
    private string BinDir => Path.Combine(WorkDir, "bin");
    private HistoryPrometheus? _prometheus;

    public async ValueTask InitializeAsync()
    {
        JobstatsBinary = Repository.PublishedProgram("jobstats");

        Directory.CreateDirectory(BinDir);
        File.Copy(Path.Combine(FixtureDir, "fake-sacct"), Path.Combine(BinDir, "sacct"));
        File.Copy(Path.Combine(FixtureDir, "fake-sacctmgr"), Path.Combine(BinDir, "sacctmgr"));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the report tests need Linux");
        File.SetUnixFileMode(Path.Combine(BinDir, "sacct"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(BinDir, "sacctmgr"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        _prometheus = await HistoryPrometheus.StartAsync(WorkDir, FixtureJobs.Build().ToString());
        PrometheusUrl = _prometheus.Url;

        await File.WriteAllTextAsync(ConfigPath, $"""
            prometheus:
              url: {PrometheusUrl}
              timeout_seconds: 10
            sampling_period_seconds: 30
            """);
    }

    /// <summary>Runs jobstats with the fake sacct first on PATH and a fixed time zone.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> Jobstats(IEnumerable<string> args, IDictionary<string, string>? env = null) =>
        Run(JobstatsBinary, args, env);

    /// <summary>Runs a program in the jobstats test environment (fake sacct on PATH, TZ, config).</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["PATH"] = BinDir + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["TZ"] = "America/New_York",
            ["FAKE_SACCT_ROWS"] = Path.Combine(FixtureDir, "sacct"),
            ["FAKE_SACCT_LOG"] = SacctLog,
            ["JOBSTATS_CONFIG"] = ConfigPath,
            ["JOBSTATS_NOW"] = null,
            ["NO_COLOR"] = null,
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) variables[k] = v;
        var result = await RealProcess.RunAsync(new ProcessRequest(program, [.. args], TimeSpan.FromSeconds(60)) { Environment = variables });
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is not null) await _prometheus.DisposeAsync();
        _work.Dispose();
    }
}
