using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Resources;

/// <summary>A Slurm setting held by BCM (<c>wlm; use slurm; [submode;] set KEY VALUE; commit</c>).</summary>
internal sealed class CmshSettingResource(string submode, string key, string value) : Resource
{
    public override ResourceKind Kind => ResourceKind.CmshSetting;
    public override string Key => $"cmsh:wlm/{(submode.Length > 0 ? submode + "/" : "")}{key}";
    public string Submode => submode;
    public string SettingKey => key;
    public string Value => value;

    public override async Task<Drift> InspectAsync(ResourceContext context, PathInfo? current, CancellationToken ct)
    {
        var now = await context.RequireCmsh().GetWlmAsync(submode, key, ct).ConfigureAwait(false);
        if (string.Equals(now, value, StringComparison.OrdinalIgnoreCase)) return Drift.Ok;
        return now.Length == 0 ? Drift.Create($"set {key} {value}") : Drift.Change($"{key} is '{now}', want '{value}'");
    }

    public async Task<string> CurrentAsync(ResourceContext context, CancellationToken ct) =>
        await context.RequireCmsh().GetWlmAsync(submode, key, ct).ConfigureAwait(false);

    public override Task ApplyAsync(ResourceContext context, CancellationToken ct) =>
        context.RequireCmsh().SetWlmAsync(submode, key, value, ct);
}
