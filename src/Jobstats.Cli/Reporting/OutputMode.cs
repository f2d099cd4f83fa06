namespace Jobstats.Cli.Reporting;

public enum OutputMode { Text, Json, NodeDictionary, Base64 }
