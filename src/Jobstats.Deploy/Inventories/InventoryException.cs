namespace Jobstats.Deploy.Inventories;

/// <summary>An inventory that cannot be used; <see cref="Errors"/> lists every problem as <c>file:line: message</c>.</summary>
public sealed class InventoryException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
