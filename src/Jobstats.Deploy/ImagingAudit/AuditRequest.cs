using Jobstats.Deploy.Bcm.ExcludeLists;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>Everything one audit of one category's software image needs.</summary>
/// <param name="Category">BCM node category, e.g. "dgx"; used for the exclude lists and the cmsh commands.</param>
/// <param name="ImageName">Software image name, e.g. "dgx-image" (the image lives in /cm/images/&lt;name&gt;).</param>
/// <param name="Roles">Roles the category's nodes hold (compute, login, controller, prometheus, grafana).</param>
/// <param name="Paths">What the deployment owns on those nodes.</param>
/// <param name="ExcludeLists">Where the category's exclude lists come from.</param>
/// <param name="ImageRoot">The image directory (or a copy of it).</param>
/// <param name="NodeRoot">Optional root of a live (or grabbed-from) node to compare with and scan.</param>
/// <param name="SharedStorageRoot">The root under which /cm/shared is looked up; "/" on the head node.</param>
/// <param name="NodeAddresses">IP and MAC addresses of the source node, in addition to those detected.</param>
/// <param name="GrabNode">The node to grab from in the grab workflow; defaults to the node root's hostname.</param>
/// <param name="EtcFileLimit">How many files under each root's /etc the secrets scan reads before it stops.</param>
public sealed record AuditRequest(
    string Category,
    string ImageName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<AuditedPath> Paths,
    IExcludeListSource ExcludeLists,
    string ImageRoot,
    string? NodeRoot = null,
    string SharedStorageRoot = "/",
    IReadOnlyList<string>? NodeAddresses = null,
    string? GrabNode = null,
    int EtcFileLimit = 200_000)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
