namespace Jobstats.Cli.Reporting;

internal enum OutputMode { Text, Json, NodeDictionary, Base64 }
