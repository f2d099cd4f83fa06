using System.Globalization;
using Jobstats.Core.Formatting;

namespace Jobstats.Core.Model;

/// <summary>
/// One measured number as the node dictionary stores it: either an integer or a float rounded to one decimal.
/// The distinction is part of the JSON format other tools read (<c>11423</c> versus <c>11423.0</c>), so it is kept.
/// </summary>
public readonly record struct Figure(double Value, bool IsInteger)
{
    public static Figure Integer(long value) => new(value, true);

    public static Figure Float(double value) => new(value, false);

    /// <summary>The number as Python prints it (<c>str(int)</c> or <c>repr(float)</c>).</summary>
    public override string ToString() =>
        IsInteger ? ((long)Value).ToString(CultureInfo.InvariantCulture) : PythonNumbers.FloatRepr(Value);
}
