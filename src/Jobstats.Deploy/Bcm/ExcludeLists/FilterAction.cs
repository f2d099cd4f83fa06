namespace Jobstats.Deploy.Bcm.ExcludeLists;

public enum FilterAction
{
    Exclude,
    Include,
}
