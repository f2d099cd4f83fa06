namespace Jobstats.Fleet.Cli.Waste;

internal enum WasteFormat { Text, Csv, Json }

/// <summary>What <c>jobstats waste</c> was asked: the period (epoch seconds), the output, whether to write to users.</summary>
internal sealed record WasteRequest(long Since, long Until, string? Cluster, WasteFormat Format, bool Mail, bool Send);
