namespace Jobstats.Core.Rendering;

public sealed record ReportOptions
{
    public bool Color { get; init; }
    /// <summary>The id as the user typed it; the report shows this rather than the raw id.</summary>
    public string? DisplayJobId { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public string? BatchScript { get; init; }
}
