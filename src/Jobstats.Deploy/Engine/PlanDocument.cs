using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Engine;

/// <summary>The plan as data (<c>plan --json</c>): per host, every resource with its action and reason.</summary>
public sealed class PlanDocument
{
    /// <summary>Names this document's layout, so that <c>apply FILE</c> refuses anything else.</summary>
    public const string CurrentFormat = "jobstatsctl-plan/1";

    public string Format { get; set; } = CurrentFormat;

    /// <summary>The inventory the plan was made from and its SHA-256, set when the plan is saved for a later apply.</summary>
    public string? Inventory { get; set; }
    public string? InventorySha256 { get; set; }
    public string Cluster { get; set; } = "";
    public string Target { get; set; } = "";
    public bool ChangesPending { get; set; }
    public List<string> Warnings { get; set; } = [];
    public List<PlanHostDocument> Hosts { get; set; } = [];

    public static PlanDocument From(Plan plan) => new()
    {
        Cluster = plan.Deployment.Inventory.Cluster,
        Target = plan.Deployment.Inventory.Targets is null ? plan.Deployment.Inventory.Target.Kind.ToString().ToLowerInvariant() : "per-role",
        ChangesPending = plan.HasChanges,
        Warnings = [.. plan.Deployment.Warnings],
        Hosts = plan.Hosts.Select(h => new PlanHostDocument
        {
            Host = h.Host.Name,
            Placement = h.Host.Placement.ToString().ToLowerInvariant(),
            Roles = [.. h.Host.Roles],
            Error = h.Error,
            Resources = h.Changes.Select(c => new PlanResourceDocument
            {
                Key = c.Resource.Key, Kind = c.Resource.Kind.ToString().ToLowerInvariant(), Path = c.Resource.Path,
                Component = c.Resource.Component, Role = c.Resource.Role,
                Action = c.Drift.Action.ToString().ToLowerInvariant(), Reason = c.Drift.Reason,
                Fingerprint = c.Drift.Action == DriftAction.Ok ? null : c.Fingerprint,
            }).ToList(),
        }).ToList(),
    };
}

public sealed class PlanHostDocument
{
    public string Host { get; set; } = "";
    public string Placement { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string? Error { get; set; }
    public List<PlanResourceDocument> Resources { get; set; } = [];
}

public sealed class PlanResourceDocument
{
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Path { get; set; }
    public string Component { get; set; } = "";
    public string Role { get; set; } = "";
    public string Action { get; set; } = "";
    public string Reason { get; set; } = "";

    /// <summary>Of a pending change: what the plan saw and wants (<see cref="PlannedChange.Fingerprint"/>).</summary>
    public string? Fingerprint { get; set; }
}
