namespace Jobstats.Exporter.Collectors;

/// <summary>A collector known by name, with its default state and how to build it from the options.</summary>
internal sealed record CollectorRegistration(string Name, bool EnabledByDefault, Func<ExporterOptions, ICollector> Create);
