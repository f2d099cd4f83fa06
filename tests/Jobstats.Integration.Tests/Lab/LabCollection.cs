namespace Jobstats.Integration.Tests.Lab;

/// <summary>Every test class that needs the real local cluster joins this collection; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabCluster>
{
    public const string Name = "lab";
}
