using Jobstats.Core.Formatting;

namespace Jobstats.Core.Notes;

/// <summary>A named job figure a note may test or print: a number or a text.</summary>
public readonly record struct FigureValue(double? Number, string? Text)
{
    public static FigureValue Of(double number) => new(number, null);
    public static FigureValue Of(string text) => new(null, text);
    public static FigureValue Of(bool flag) => new(flag ? 1 : 0, null);

    /// <summary>Whole numbers print without decimals, others with one (Python half-even).</summary>
    public override string ToString()
    {
        if (Text is not null) return Text;
        double n = Number ?? 0;
        return n == Math.Floor(n) && Math.Abs(n) < 1e15
            ? ((long)n).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : PythonNumbers.Fixed(n, 1);
    }
}
