namespace Jobstats.Deploy.Inventories;

/// <summary>What we accept as a host name: it reaches ssh, cmsh and file names, so no shell metacharacters.</summary>
internal static class HostNames
{
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 253
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
