using System.Globalization;
using System.Text;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>
/// The inventory's <c>long_term_store:</c>: Prometheus' <c>remote_write</c> to a store the site runs, with its
/// credentials copied for Prometheus, or a single-node VictoriaMetrics deployed next to Prometheus and fed the same
/// way. Series keep the <c>cluster</c> label (Prometheus' external label), so one store serves many clusters.
/// </summary>
internal static class LongTermStoreComponent
{
    public const string Name = "long-term-store";

    /// <summary>The deployed VictoriaMetrics on the prometheus host(s); nothing for the other kinds.</summary>
    public static IEnumerable<Resource> Build(ComponentContext c, string role)
    {
        var inv = c.Inventory;
        if (inv.LongTermStore.Kind != LongTermStoreKind.VictoriaMetrics) yield break;
        string port = inv.Ports.VictoriaMetrics.ToString(CultureInfo.InvariantCulture);
        foreach (var r in Binaries.Upstream(c, "victoria-metrics", Name, role)) yield return r;
        yield return new SystemUserResource(VictoriaMetricsUser, Layout.VictoriaMetricsData, "VictoriaMetrics long-term store") { Component = Name, Role = role, Why = "VictoriaMetrics runs unprivileged" };
        yield return new DirectoryResource(Layout.VictoriaMetricsData, FileModes.Executable, VictoriaMetricsUser, VictoriaMetricsUser)
        { Component = Name, Role = role, Why = "the long-term store's data; state, never to be captured into an image" };
        string[] exec =
        [
            Binaries.UpstreamPath(c, "/usr/bin/victoria-metrics", "victoria-metrics"),
            $"-storageDataPath={Layout.VictoriaMetricsData}",
            $"-retentionPeriod={RetentionDays(inv.LongTermStore.Retention)}d",
            $"-httpListenAddr=:{port}",
        ];
        foreach (var r in ServiceUnits.Build(c, "victoria-metrics", "systemd/victoria-metrics.service", exec, VictoriaMetricsUser,
                     new Dictionary<string, string> { ["cluster"] = inv.Cluster }, [], Name, role,
                     $"VictoriaMetrics on :{port}, retention {inv.LongTermStore.Retention}"))
            yield return r;
    }

    public const string VictoriaMetricsUser = "victoriametrics";

    /// <summary>VictoriaMetrics counts retention in whole days at least; the inventory's duration, rounded up to days.</summary>
    public static long RetentionDays(string retention) =>
        Durations.TryParse(retention, out var kept) ? Math.Max(1, (long)Math.Ceiling(kept.TotalDays)) : 365;

    /// <summary>The write credentials and CA, copied from the admin's files for Prometheus (which re-reads them, no restart).</summary>
    public static IEnumerable<Resource> PrometheusCredentials(ComponentContext c, string role)
    {
        var store = c.Inventory.LongTermStore;
        if (store.Kind != LongTermStoreKind.RemoteWrite) yield break;
        var write = store.Write;
        if (write.CaFile is { } ca)
            yield return new FileResource(Layout.PrometheusStoreCa, c.Copy(ca)) { Component = ComponentNames.Prometheus, Role = role, Why = "the CA of the long-term store's certificate" };
        if ((write.BearerTokenFile ?? write.PasswordFile) is { } secret)
            yield return new FileResource(Layout.PrometheusStoreSecret, c.Copy(secret), FileModes.GroupReadable, "root", "prometheus")
            { Component = ComponentNames.Prometheus, Role = role, Why = write.BearerTokenFile is null ? $"the long-term store's password (user {write.Username})" : "the long-term store's bearer token" };
    }

    /// <summary>
    /// The <c>remote_write:</c> section of prometheus.yml (and of the snippet for an existing Prometheus), or nothing;
    /// it starts on a new line after the template's last one and ends without a newline.
    /// </summary>
    public static string RemoteWriteSection(Inventory inv, bool snippet)
    {
        var store = inv.LongTermStore;
        string? url = store.Kind switch
        {
            LongTermStoreKind.RemoteWrite => store.RemoteWriteUrl,
            LongTermStoreKind.VictoriaMetrics => $"http://127.0.0.1:{inv.Ports.VictoriaMetrics.ToString(CultureInfo.InvariantCulture)}/api/v1/write",
            _ => null,
        };
        if (url is null) return "";
        var text = new StringBuilder("\n\n");
        text.Append(snippet
            ? $"# Merge this remote_write section too, and give the global section external_labels: {{cluster: {inv.Cluster}}},\n" +
              "# so that the long-term store tells this cluster's series from the other clusters'.\n"
            : "# Every sample also goes to the long-term store, labelled with this cluster (external_labels above).\n");
        text.Append("remote_write:\n");
        text.Append("  - url: ").Append(Quoted(url)).Append('\n');
        var write = store.Write;
        if (write.BearerTokenFile is not null)
            text.Append("    authorization:\n      credentials_file: ").Append(Layout.PrometheusStoreSecret).Append('\n');
        if (write.Username is not null)
            text.Append("    basic_auth:\n      username: ").Append(Quoted(write.Username)).Append("\n      password_file: ").Append(Layout.PrometheusStoreSecret).Append('\n');
        if (write.CaFile is not null)
            text.Append("    tls_config:\n      ca_file: ").Append(Layout.PrometheusStoreCa).Append('\n');
        if (store.Tenant is { } tenant)
            text.Append("    headers:\n      X-Scope-OrgID: ").Append(tenant).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// What jobstats asks for this cluster's jobs: the store's query URL with its credentials as jobstats.yaml lines
    /// (indented for the cluster's entry), or Prometheus when there is no long-term store to query.
    /// </summary>
    public static string ClusterEntry(Inventory inv)
    {
        var store = inv.LongTermStore;
        string? url = store.QueryUrl ?? (store.Kind == LongTermStoreKind.VictoriaMetrics ? VictoriaMetricsQueryUrl(inv) : null);
        var text = new StringBuilder("    prometheus_url: ").Append(url ?? inv.Prometheus.Url);
        if (url is null) return text.ToString();
        var q = store.Query;
        if (q.BearerTokenFile is { } token) text.Append("\n    bearer_token_file: ").Append(Quoted(token));
        if (q.Username is { } user)
            text.Append("\n    basic_auth:\n      username: ").Append(Quoted(user)).Append("\n      password_file: ").Append(Quoted(q.PasswordFile ?? ""));
        if (q.CaFile is { } ca) text.Append("\n    ca_file: ").Append(Quoted(ca));
        return text.ToString();
    }

    /// <summary>The deployed VictoriaMetrics, on the host and scheme of the inventory's Prometheus URL.</summary>
    public static string VictoriaMetricsQueryUrl(Inventory inv)
    {
        var prometheus = new Uri(inv.Prometheus.Url);
        return $"http://{prometheus.IdnHost}:{inv.Ports.VictoriaMetrics.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Quoted(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
