using System.Globalization;

namespace Jobstats.Core.Notes;

public enum ComparisonOperator { Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual, Contains, NotContains, StartsWith }

/// <summary>
/// One test of a note rule: <c>figure operator operand</c>, where the operand is a number, a quoted text or another
/// figure's name. A test on a figure the job does not have (e.g. GPU utilization of a CPU job) is false.
/// </summary>
public sealed record Condition(string Figure, ComparisonOperator Operator, FigureValue? Literal, string? OtherFigure, string Source)
{
    public bool Holds(IReadOnlyDictionary<string, FigureValue> figures)
    {
        if (!figures.TryGetValue(Figure, out FigureValue left)) return false;
        FigureValue right;
        if (OtherFigure is not null)
        {
            if (!figures.TryGetValue(OtherFigure, out right)) return false;
        }
        else right = Literal!.Value;

        switch (Operator)
        {
            case ComparisonOperator.Contains:
            case ComparisonOperator.NotContains:
            case ComparisonOperator.StartsWith:
                string haystack = left.ToString(), needle = right.ToString();
                return Operator switch
                {
                    ComparisonOperator.Contains => haystack.Contains(needle, StringComparison.OrdinalIgnoreCase),
                    ComparisonOperator.NotContains => !haystack.Contains(needle, StringComparison.OrdinalIgnoreCase),
                    _ => haystack.StartsWith(needle, StringComparison.OrdinalIgnoreCase),
                };
        }

        if (left.Number is double a && right.Number is double b)
        {
            return Operator switch
            {
                ComparisonOperator.Less => a < b,
                ComparisonOperator.LessOrEqual => a <= b,
                ComparisonOperator.Greater => a > b,
                ComparisonOperator.GreaterOrEqual => a >= b,
                ComparisonOperator.Equal => a == b,
                ComparisonOperator.NotEqual => a != b,
                _ => false,
            };
        }
        int order = string.Compare(left.ToString(), right.ToString(), StringComparison.Ordinal);
        return Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            _ => false, // ordering texts against numbers means nothing
        };
    }

    /// <summary>Parses "cpu_efficiency &lt; cpu_util_red", "state == 'TIMEOUT'", "qos contains 'debug'".</summary>
    public static Condition Parse(string text, IReadOnlySet<string> knownFigures)
    {
        string source = text.Trim();
        int firstSpace = source.IndexOf(' ');
        if (firstSpace < 0) throw new FormatException($"condition \"{source}\" needs the form: figure operator value");
        string figure = source[..firstSpace];
        string rest = source[firstSpace..].TrimStart();
        int secondSpace = rest.IndexOf(' ');
        if (secondSpace < 0) throw new FormatException($"condition \"{source}\" needs the form: figure operator value");
        string op = rest[..secondSpace];
        string operand = rest[secondSpace..].Trim();

        if (!knownFigures.Contains(figure)) throw new FormatException($"unknown figure \"{figure}\" in \"{source}\"");
        ComparisonOperator parsed = op switch
        {
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            ">=" => ComparisonOperator.GreaterOrEqual,
            "==" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            "contains" => ComparisonOperator.Contains,
            "not_contains" => ComparisonOperator.NotContains,
            "starts_with" => ComparisonOperator.StartsWith,
            _ => throw new FormatException($"unknown operator \"{op}\" in \"{source}\" (use < <= > >= == != contains not_contains starts_with)"),
        };

        if (operand.Length >= 2 && (operand[0] == '\'' || operand[0] == '"') && operand[^1] == operand[0])
            return new Condition(figure, parsed, FigureValue.Of(operand[1..^1]), null, source);
        if (double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            return new Condition(figure, parsed, FigureValue.Of(number), null, source);
        if (knownFigures.Contains(operand)) return new Condition(figure, parsed, null, operand, source);
        throw new FormatException($"\"{operand}\" in \"{source}\" is neither a number, a 'quoted text' nor a known figure");
    }
}
