namespace Jobstats.Core.Summary;

/// <summary>A summary payload that is not valid: bad encoding, bad gzip, bad JSON or figures out of range.</summary>
public sealed class SummaryFormatException(string message, Exception? inner = null) : Exception(message, inner);
