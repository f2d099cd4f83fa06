namespace Jobstats.Deploy.ImagingAudit;

/// <summary>
/// The text the audit read from a regular file: never more than the caller's cap, and only the first block of a
/// binary file (a NUL byte in it), since the scans look for text (PEM headers, names, addresses).
/// </summary>
/// <param name="Truncated">The file is longer than what was read.</param>
/// <param name="Binary">The first block holds a NUL byte; only that block was read.</param>
internal sealed record FileText(string Text, bool Truncated, bool Binary);
