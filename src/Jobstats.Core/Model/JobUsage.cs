namespace Jobstats.Core.Model;

/// <summary>The per-node usage of one job (the "node dictionary"), keyed by host name in first-seen order.</summary>
public sealed class JobUsage
{
    public OrderedDictionary<string, NodeUsage> Nodes { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Nodes.Count == 0;

    public NodeUsage Node(string host)
    {
        if (!Nodes.TryGetValue(host, out NodeUsage? node))
        {
            node = new NodeUsage();
            Nodes.Add(host, node);
        }
        return node;
    }
}
