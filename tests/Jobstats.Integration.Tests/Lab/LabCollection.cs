namespace Jobstats.Integration.Tests.Lab;

/// <summary>
/// Every test class that needs the real local cluster joins this collection; they run one after another, and only
/// after the parallel collections have finished, because the end-to-end job's CPU utilization is measured on a
/// 2-core machine and must not compete with other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection : ICollectionFixture<LabCluster>
{
    public const string Name = "lab";
}
