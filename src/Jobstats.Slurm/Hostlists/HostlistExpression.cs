using System.Text;

namespace Jobstats.Slurm.Hostlists;

/// <summary>
/// Expands Slurm hostlist expressions such as <c>dgx-[001-032,040]</c>, <c>rack[1-2]-node[01-04]</c> or
/// comma-separated lists of them. Zero padding follows the lower bound's width, as Slurm does.
/// </summary>
public static class HostlistExpression
{
    /// <summary>Default cap on expanded hosts: large enough for any real cluster, small enough to stop `[1-999999999]`.</summary>
    public const int DefaultMaxHosts = 100_000;

    /// <summary>Longest accepted expression; anything longer is a mistake or an attack, never a hostlist.</summary>
    public const int MaxExpressionLength = 65_536;

    public static IReadOnlyList<string> Expand(string expression, int maxHosts = DefaultMaxHosts)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxExpressionLength)
            throw new HostlistException($"hostlist is {expression.Length} characters long; the limit is {MaxExpressionLength}", MaxExpressionLength);
        if (expression.Trim().Length == 0)
            throw new HostlistException("hostlist is empty", 0);

        var hosts = new List<string>();
        foreach (var (item, start) in SplitTopLevel(expression))
        {
            if (item.Length == 0)
                throw new HostlistException("empty item in hostlist (two commas in a row, or a leading/trailing comma)", start);
            ExpandItem(item, start, hosts, maxHosts);
        }
        return hosts;
    }

    /// <summary>True when <paramref name="text"/> contains a bracket range and so needs expanding.</summary>
    public static bool IsExpression(string text) => text.Contains('[') || text.Contains(',');

    private static IEnumerable<(string Item, int Start)> SplitTopLevel(string expression)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '[')
            {
                if (depth > 0) throw new HostlistException("nested '[' in hostlist", i);
                depth++;
            }
            else if (c == ']')
            {
                if (depth == 0) throw new HostlistException("']' without a matching '['", i);
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                yield return (expression[start..i].Trim(), start);
                start = i + 1;
            }
        }
        if (depth != 0) throw new HostlistException("'[' without a matching ']'", expression.Length);
        yield return (expression[start..].Trim(), start);
    }

    private static void ExpandItem(string item, int offset, List<string> hosts, int maxHosts)
    {
        // A leading '-' would turn a host name into an option for ssh, cmsh or rsync.
        if (!char.IsAsciiLetterOrDigit(item[0]) && item[0] != '[')
            throw new HostlistException($"host name must start with a letter or digit, not '{Printable(item[0])}'", offset);
        // Split into literal parts and bracket groups; the expansion is their cartesian product.
        var parts = new List<IReadOnlyList<string>>();
        var literal = new StringBuilder();
        long combinations = 1;
        for (var i = 0; i < item.Length; i++)
        {
            var c = item[i];
            if (c == '[')
            {
                var close = item.IndexOf(']', i);
                if (literal.Length > 0) { parts.Add([literal.ToString()]); literal.Clear(); }
                var group = ExpandGroup(item[(i + 1)..close], offset + i + 1, maxHosts);
                combinations *= group.Count;
                if (combinations > maxHosts)
                    throw new HostlistException($"hostlist expands to more than {maxHosts} hosts", offset + i);
                parts.Add(group);
                i = close;
            }
            else
            {
                CheckHostChar(c, offset + i);
                literal.Append(c);
            }
        }
        if (literal.Length > 0) parts.Add([literal.ToString()]);
        if (hosts.Count + combinations > maxHosts)
            throw new HostlistException($"hostlist expands to more than {maxHosts} hosts", offset);

        var buffer = new StringBuilder();
        Product(parts, 0, buffer, hosts);
    }

    private static void Product(List<IReadOnlyList<string>> parts, int index, StringBuilder prefix, List<string> hosts)
    {
        if (index == parts.Count)
        {
            hosts.Add(prefix.ToString());
            return;
        }
        var length = prefix.Length;
        foreach (var piece in parts[index])
        {
            prefix.Append(piece);
            Product(parts, index + 1, prefix, hosts);
            prefix.Length = length;
        }
    }

    private static List<string> ExpandGroup(string body, int offset, int maxHosts)
    {
        if (body.Length == 0) throw new HostlistException("empty '[]' in hostlist", offset);
        var values = new List<string>();
        var position = offset;
        foreach (var range in body.Split(','))
        {
            if (range.Length == 0) throw new HostlistException("empty range inside '[...]'", position);
            var dash = range.IndexOf('-');
            var low = dash < 0 ? range : range[..dash];
            var high = dash < 0 ? range : range[(dash + 1)..];
            CheckDigits(low, position);
            CheckDigits(high, position + dash + 1);
            if (low.Length > 18 || high.Length > 18)
                throw new HostlistException($"number too long in range '{range}'", position);
            var from = long.Parse(low, System.Globalization.CultureInfo.InvariantCulture);
            var to = long.Parse(high, System.Globalization.CultureInfo.InvariantCulture);
            if (to < from) throw new HostlistException($"range '{range}' runs backwards", position);
            if (to - from + 1 + values.Count > maxHosts)
                throw new HostlistException($"hostlist expands to more than {maxHosts} hosts", position);
            var width = low.Length;
            for (var n = from; n <= to; n++)
                values.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'));
            position += range.Length + 1;
        }
        return values;
    }

    private static void CheckDigits(string number, int position)
    {
        if (number.Length == 0) throw new HostlistException("missing number in range", position);
        foreach (var c in number)
            if (c is < '0' or > '9')
                throw new HostlistException($"'{c}' is not a digit inside '[...]'", position);
    }

    private static void CheckHostChar(char c, int position)
    {
        // Host names reach shells, ssh and file names: letters, digits, '-', '.', '_' only.
        if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            throw new HostlistException($"character '{Printable(c)}' is not allowed in a host name", position);
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
