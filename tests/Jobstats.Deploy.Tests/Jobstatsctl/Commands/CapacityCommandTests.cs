using System.CommandLine;
using Jobstats.Testing;
using Jobstatsctl.Commands;

namespace Jobstats.Deploy.Tests.Jobstatsctl.Commands;

/// <summary>`jobstatsctl capacity` counts the inventory's compute nodes itself and refuses impossible GPU counts.</summary>
public sealed class CapacityCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private async Task<(int Exit, string Out)> CapacityAsync(params string[] args)
    {
        File.WriteAllText(_root["/della.yaml"], """
            cluster: della
            roles:
              compute: ['dgx-[001-032]', 'cpu-[001-008]']
            prometheus: {mode: new, scrape_interval: 30s, retention: 30d}
            long_term_store: {kind: victoriametrics, retention: 1y}
            """);
        var stdout = new StringWriter();
        var command = new RootCommand { CapacityCommand.Create(stdout) };
        var exit = await command.Parse(["capacity", "-i", _root["/della.yaml"], .. args]).InvokeAsync(cancellationToken: Ct);
        return (exit, stdout.ToString());
    }

    [Fact]
    public async Task The_inventorys_forty_compute_nodes_are_what_the_view_is_computed_for()
    {
        var (exit, stdout) = await CapacityAsync("--gpu-nodes", "32", "--jobs-per-node", "2");
        Assert.Equal(0, exit);
        var inventory = Jobstats.Deploy.Inventories.InventoryLoader.Parse(File.ReadAllText(_root["/della.yaml"]));
        Assert.Equal(Jobstats.Deploy.Capacity.CapacityEstimate.Render(inventory, 40, 32, 2), stdout);
    }

    [Fact]
    public async Task More_gpu_nodes_than_compute_nodes_is_a_usage_error()
    {
        var (exit, stdout) = await CapacityAsync("--gpu-nodes", "41");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
    }
}
