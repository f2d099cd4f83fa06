namespace Jobstats.Integration.Tests.Report;

/// <summary>One Prometheus for all report test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportEnvironment>
{
    public const string Name = "report";
}
