using Jobstats.Deploy.Capacity;
using Jobstats.Deploy.Inventories;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Capacity;

/// <summary>`jobstatsctl capacity`'s view, against a golden file whose arithmetic is below.</summary>
public sealed class CapacityEstimateTests
{
    [Fact]
    public void Forty_nodes_thirty_two_with_gpus_two_jobs_each_a_year_in_VictoriaMetrics_match_the_golden_view()
    {
        var inventory = InventoryLoader.Parse("""
            cluster: della
            roles:
              compute: ['dgx-[001-032]', 'cpu-[001-008]']
            prometheus: {mode: new, scrape_interval: 30s, retention: 30d}
            long_term_store: {kind: victoriametrics, retention: 1y}
            """);
        // CPU-only node: exporter 2 + 2 jobs × 11 + node_exporter 505 = 529; 8-GPU node: 529 + 164 = 693.
        // Series: 8 × 529 + 32 × 693 = 26,408; per second at 30 s: 880.3; per day 76,055,040 samples.
        // Prometheus: × 3.97 B = 288 MiB a day, × 30 d = 8.4 GiB; VictoriaMetrics: × 1.42 B = 103 MiB a day, × 365 d = 36.7 GiB.
        // Head: 26,408 × 4 KiB = 103 MiB; × 1 KiB = 25.8 MiB.
        string view = CapacityEstimate.Render(inventory, 40, 32, 2);
        string golden = Path.Combine(Repository.Root, "tests", "fixtures", "capacity", "della.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(golden, view);
        Assert.Equal(File.ReadAllText(golden), view);
    }
}
