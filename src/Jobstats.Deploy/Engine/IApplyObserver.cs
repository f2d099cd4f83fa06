using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Engine;

/// <summary>Progress of an apply, for the terminal display or plain lines; called from several hosts at once.</summary>
public interface IApplyObserver
{
    void HostStarted(string host, int pending);
    void ResourceApplied(string host, Resource resource, Drift drift);
    void HostFinished(HostApplyResult result);
}

public sealed class SilentObserver : IApplyObserver
{
    public static readonly SilentObserver Instance = new();
    public void HostStarted(string host, int pending) { }
    public void ResourceApplied(string host, Resource resource, Drift drift) { }
    public void HostFinished(HostApplyResult result) { }
}
