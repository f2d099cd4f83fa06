namespace Jobstats.Deploy.Rendering;

/// <summary>Templates and scripts by their name under Assets/ (e.g. <c>slurm/prolog-jobstats.sh</c>).</summary>
public interface IAssetSource
{
    /// <summary>The asset's text, or null when this build does not ship it.</summary>
    string? TryRead(string name);
}
