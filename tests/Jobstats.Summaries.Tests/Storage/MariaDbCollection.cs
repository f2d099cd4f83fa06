namespace Jobstats.Summaries.Tests.Storage;

/// <summary>The store tests share one MariaDB server: it starts once (a few seconds) for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
    public const string Name = "mariadb";
}
