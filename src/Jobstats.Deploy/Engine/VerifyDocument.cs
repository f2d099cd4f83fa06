namespace Jobstats.Deploy.Engine;

public sealed class VerifyDocument
{
    public List<CheckResult> Checks { get; set; } = [];
    public bool Passed => Checks.All(c => c.Passed);
}

public sealed class CheckResult
{
    public string Check { get; set; } = "";
    public string Host { get; set; } = "";
    public bool Passed { get; set; }
    public string Reason { get; set; } = "";

    public static CheckResult Pass(string check, string host, string reason) => new() { Check = check, Host = host, Passed = true, Reason = reason };
    public static CheckResult Fail(string check, string host, string reason) => new() { Check = check, Host = host, Passed = false, Reason = reason };
}
