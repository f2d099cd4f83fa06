namespace Jobstats.Deploy.Resources;

public enum DriftAction { Ok, Create, Change, Remove }

/// <summary>How a resource differs from what the host has now, and why.</summary>
public sealed record Drift(DriftAction Action, string Reason)
{
    public static readonly Drift Ok = new(DriftAction.Ok, "up to date");
    public static Drift Create(string reason) => new(DriftAction.Create, reason);
    public static Drift Change(string reason) => new(DriftAction.Change, reason);
    public static Drift Remove(string reason) => new(DriftAction.Remove, reason);
}
