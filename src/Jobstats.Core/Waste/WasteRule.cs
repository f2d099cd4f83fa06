using Jobstats.Core.Notes;

namespace Jobstats.Core.Waste;

/// <summary>
/// A declarative waste rule: a job counts against it when every <see cref="When"/> condition holds (the conditions of
/// note rules, over the job's note figures and its <see cref="WasteAmounts"/>), and then adds its
/// <see cref="Amount"/> to the rule's column. Nothing here is ever executed.
/// </summary>
public sealed record WasteRule(string Name, string Title, IReadOnlyList<Condition> When, string Amount)
{
    /// <summary>Every figure a waste rule may test: the note figures and the waste amounts.</summary>
    public static IReadOnlySet<string> Figures { get; } = JobFigures.Names.Concat(WasteAmounts.Names).ToHashSet(StringComparer.Ordinal);

    public static WasteRule Create(string name, string title, IEnumerable<string> when, string amount)
    {
        if (!WasteAmounts.Names.Contains(amount))
            throw new FormatException($"unknown amount \"{amount}\" (one of {string.Join(", ", WasteAmounts.Names.Order(StringComparer.Ordinal))})");
        return new WasteRule(name, title, [.. when.Select(c => Condition.Parse(c, Figures))], amount);
    }

    public bool Counts(IReadOnlyDictionary<string, FigureValue> figures) => When.All(c => c.Holds(figures));
}
