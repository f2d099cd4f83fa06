namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>One rsync filter rule from an exclude list, with where it came from for messages.</summary>
public sealed record FilterRule(FilterAction Action, RsyncPattern Pattern, bool NoNewFiles, string Source, int LineNumber, string Text)
{
    public override string ToString() => $"'{Text}' ({Source}:{LineNumber})";
}
