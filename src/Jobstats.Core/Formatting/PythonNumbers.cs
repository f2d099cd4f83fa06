using System.Globalization;
using System.Numerics;

namespace Jobstats.Core.Formatting;

/// <summary>
/// Rounding and formatting that match Python's <c>round()</c> and <c>f"{x:.Nf}"</c>: both round half to even on the
/// exact binary value of the double. .NET's Math.Round and "F1" can disagree on ties, and the classic report's
/// figures must come out the same as the tool users know.
/// </summary>
public static class PythonNumbers
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="digits"/> decimals and returns it scaled by 10^digits.</summary>
    public static BigInteger RoundScaled(double value, int digits)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "value must be finite");
        if (digits < 0) throw new ArgumentOutOfRangeException(nameof(digits));
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa;
        int binaryExponent;
        if (exponent == 0) { mantissa = fraction; binaryExponent = -1074; }
        else { mantissa = fraction | (1L << 52); binaryExponent = exponent - 1075; }

        BigInteger numerator = mantissa * BigInteger.Pow(10, digits);
        BigInteger result;
        if (binaryExponent >= 0)
        {
            result = numerator << binaryExponent;
        }
        else
        {
            BigInteger denominator = BigInteger.One << -binaryExponent;
            BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
            int comparison = (remainder * 2).CompareTo(denominator);
            if (comparison > 0 || (comparison == 0 && !quotient.IsEven)) quotient += 1;
            result = quotient;
        }
        return negative ? -result : result;
    }

    /// <summary>Python <c>round(value, digits)</c>.</summary>
    public static double Round(double value, int digits)
    {
        // From 2^52 up a double has no fractional part, so it is its own rounding; scaling it would overflow to infinity.
        if (!double.IsFinite(value) || Math.Abs(value) >= 4503599627370496d) return value;
        BigInteger scaled = RoundScaled(value, digits);
        return (double)scaled / Math.Pow(10, digits);
    }

    /// <summary>Python <c>round(value)</c> (no digits), which returns an int.</summary>
    public static long RoundToInteger(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "value must be finite");
        return (long)Math.Round(value, MidpointRounding.ToEven);
    }

    /// <summary>Python <c>f"{value:.{digits}f}"</c>.</summary>
    public static string Fixed(double value, int digits = 1)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        BigInteger scaled = RoundScaled(value, digits);
        bool negative = scaled.Sign < 0 || double.IsNegative(value);
        string digitsText = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture);
        if (digits > 0)
        {
            digitsText = digitsText.PadLeft(digits + 1, '0');
            digitsText = digitsText[..^digits] + "." + digitsText[^digits..];
        }
        return negative ? "-" + digitsText : digitsText;
    }

    /// <summary>Python <c>repr(float)</c>: shortest round-trip digits, always with a decimal point or exponent.</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        // "R" gives the shortest round-trip digits; lay them out as Python does: plain notation for decimal
        // exponents in [-4, 16), otherwise d.ddde+XX.
        string roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        (string digits, int exponent) = Decompose(roundTrip);
        string sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16)
        {
            string text;
            if (exponent >= 0)
            {
                if (digits.Length <= exponent + 1) text = digits.PadRight(exponent + 1, '0') + ".0";
                else text = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
            }
            else
            {
                text = "0." + new string('0', -exponent - 1) + digits;
            }
            return sign + text;
        }
        string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        string exponentText = (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        return sign + mantissa + "e" + exponentText;
    }

    // Splits a .NET round-trip string ("1.5E+20", "123.45", "1E-07") into significant digits and a decimal exponent.
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        int dot = text.IndexOf('.');
        string intPart = dot >= 0 ? text[..dot] : text;
        string fracPart = dot >= 0 ? text[(dot + 1)..] : "";
        string all = intPart + fracPart;
        int pointPosition = intPart.Length + exponent;
        int leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0') leadingZeros++;
        string digits = all[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, pointPosition - leadingZeros - 1);
    }
}
