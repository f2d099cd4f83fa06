namespace Jobstats.Deploy.Inventories;

/// <summary>
/// The one rule for paths an inventory gives: absolute and already normalized. A path must name the place it reads
/// as: <c>/x/../../etc</c> is <c>/etc</c>, and <c>/cm//shared</c> or <c>/cm/./shared</c> slip past every prefix check
/// (shared storage, the image root). A trailing slash is harmless and allowed; control characters never are.
/// </summary>
internal static class AbsolutePaths
{
    public const string Requirement = "a normalized absolute path (no '.' or '..' segments, no '//')";

    public static bool IsNormalized(string path)
    {
        if (!path.StartsWith('/') || path.Any(char.IsControl)) return false;
        if (path == "/") return true;
        var segments = path[1..].TrimEnd('/').Split('/');
        return !path.EndsWith("//", StringComparison.Ordinal) && segments.All(s => s.Length > 0 && s is not ("." or ".."));
    }
}
