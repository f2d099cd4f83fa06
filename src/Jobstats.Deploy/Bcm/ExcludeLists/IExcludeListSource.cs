namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>Where a category's exclude lists come from: cmsh on the head node, or a file for offline audits.</summary>
public interface IExcludeListSource
{
    /// <summary>Describes the source for reports ("cmsh category dgx", "file lists.txt").</summary>
    string Description { get; }

    /// <summary>The list of <paramref name="kind"/> for <paramref name="category"/>; an unset list is empty.</summary>
    ExcludeList Get(string category, ExcludeListKind kind);
}
