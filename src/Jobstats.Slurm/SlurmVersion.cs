using System.Text.RegularExpressions;

namespace Jobstats.Slurm;

/// <summary>A Slurm release as printed by <c>sacct -V</c> / <c>sacctmgr -V</c> ("slurm 22.05.8").</summary>
public sealed partial record SlurmVersion(int Major, int Minor, int Patch)
{
    public static SlurmVersion? Parse(string text)
    {
        Match m = VersionPattern().Match(text);
        return m.Success ? new SlurmVersion(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value),
            m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 0) : null;
    }

    /// <summary>Slurm 26.05 labels cgroup v2 job directories with the SLUID, which sacct can print.</summary>
    public bool HasSluid => Major > 25;

    /// <summary>
    /// sacctmgr of Slurm 22.05 (and, to be safe, older releases) stores AdminComment in lower case.
    /// </summary>
    public bool LowerCasesAdminComment => Major < 22 || (Major == 22 && Minor <= 5);

    public override string ToString() => $"{Major}.{Minor:00}.{Patch}";

    [GeneratedRegex(@"(\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
