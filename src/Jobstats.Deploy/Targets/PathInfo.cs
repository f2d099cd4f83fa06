namespace Jobstats.Deploy.Targets;

public enum PathKind { Missing, File, Directory, Symlink, Other }

/// <summary>What a path is on a host right now. <see cref="Sha256"/> is set for files when asked for.</summary>
public sealed record PathInfo(PathKind Kind, int Mode = 0, string Owner = "", string Group = "", string? Sha256 = null, string? LinkTarget = null)
{
    public static readonly PathInfo Missing = new(PathKind.Missing);
}
