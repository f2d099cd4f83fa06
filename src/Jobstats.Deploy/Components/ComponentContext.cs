using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Planning;
using Jobstats.Deploy.Rendering;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Components;

/// <summary>What components need to expand into resources: the inventory, resolved roles, assets, shared content.</summary>
public sealed class ComponentContext(Inventory inventory, ResolvedRoles roles, IAssetSource assets)
{
    private readonly Dictionary<string, FileContent> _contents = new(StringComparer.Ordinal);

    public Inventory Inventory { get; } = inventory;
    public ResolvedRoles Roles { get; } = roles;
    public List<string> Warnings { get; } = [];

    /// <summary>Rendered once and shared by every host, so 1,000 nodes cost one rendering and one hash.</summary>
    public FileContent Rendered(string asset, IReadOnlyDictionary<string, string> values)
    {
        var key = asset + "\0" + string.Join("\0", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        lock (_contents)
        {
            if (_contents.TryGetValue(key, out var cached)) return cached;
            var text = assets.TryRead(asset) ?? throw new InvalidOperationException($"asset {asset} is not shipped in this build");
            return _contents[key] = FileContent.FromText(Template.Render(asset, text, values), $"rendered {asset}");
        }
    }

    public FileContent? Asset(string asset)
    {
        lock (_contents)
        {
            if (_contents.TryGetValue(asset, out var cached)) return cached;
            var text = assets.TryRead(asset);
            if (text is null) return null;
            return _contents[asset] = FileContent.FromText(text, $"shipped {asset}");
        }
    }

    /// <summary>Content made once, when first needed, and shared by every host (see <see cref="FileContent.Deferred"/>).</summary>
    public FileContent Deferred(string key, Func<string> make, string description)
    {
        lock (_contents)
        {
            key = "deferred:" + key;
            if (_contents.TryGetValue(key, out var cached)) return cached;
            return _contents[key] = FileContent.Deferred(() => System.Text.Encoding.UTF8.GetBytes(make()), description);
        }
    }

    public FileContent Copy(string sourcePath)
    {
        lock (_contents)
        {
            var key = "file:" + sourcePath;
            if (_contents.TryGetValue(key, out var cached)) return cached;
            return _contents[key] = FileContent.FromFile(sourcePath);
        }
    }

    /// <summary>Prometheus' retention in days: the summary service stops waiting for data Prometheus can no longer have.</summary>
    public double RetentionDays => Durations.TryParse(Inventory.Prometheus.Retention, out var t) ? Math.Round(t.TotalDays, 3) : 15;

    public int ScrapeSeconds => Durations.TryParse(Inventory.Prometheus.ScrapeInterval, out var t) ? (int)Math.Max(1, t.TotalSeconds) : 30;
}
