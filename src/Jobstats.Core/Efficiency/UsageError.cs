namespace Jobstats.Core.Efficiency;

/// <summary>Why an efficiency figure could not be computed. The numeric values are the classic error codes.</summary>
public enum UsageError
{
    None = 0,
    /// <summary>A node lacks a figure the reduction needs.</summary>
    MissingData = 1,
    /// <summary>More was used than allocated, so the data cannot be right.</summary>
    AboveAllocation = 2,
    /// <summary>The allocation adds up to zero.</summary>
    ZeroAllocation = 3,
}
