using System.Text;
using MySqlConnector;

namespace Jobstats.Summaries.Storage;

/// <summary>
/// How to reach the external summary store, read from a MySQL option file (my.cnf syntax) so that the password never
/// sits in jobstats.yaml: the <c>[client]</c> group, overridden key by key by a <c>[jobstats]</c> group. The syntax
/// follows the MySQL client library: <c>#</c> and <c>;</c> comment lines, <c>#</c> ending a line outside quotes,
/// quoted values and the <c>\n \t \r \b \s \\ \" \'</c> escapes. Every error is reported at once with file:line, and
/// no message ever repeats a value from the file: a password typed on the wrong line must not reach a log.
/// </summary>
public sealed class MySqlOptionFile
{
    /// <summary>An option file is a dozen lines; anything larger is the wrong file and must not be read into memory.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public const string DefaultDatabase = "jobstats";
    public const int DefaultPort = 3306;

    /// <summary>The groups read, in increasing precedence; other programs' groups are checked for syntax only.</summary>
    public static readonly IReadOnlyList<string> Groups = ["client", "jobstats"];

    private const UnixFileMode GroupOrOtherRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private MySqlOptionFile(string path) => Path = path;

    public string Path { get; }
    public string? Host { get; private set; }
    public int? Port { get; private set; }
    public string? User { get; private set; }
    public string? Password { get; private set; }
    public string? Socket { get; private set; }
    public string Database { get; private set; } = DefaultDatabase;
    public MySqlSslMode? SslMode { get; private set; }
    public string? SslCa { get; private set; }

    /// <summary>What deserves a warning but does not stop the store, e.g. a password readable by others.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>
    /// MySQL's rule: the socket is used when one is given and the host is absent or <c>localhost</c>; any other host
    /// means TCP, to <see cref="Port"/> or 3306.
    /// </summary>
    public bool UsesSocket => Socket is not null && (Host is null || Host == "localhost");

    /// <summary>Reads and checks the file; throws <see cref="MySqlOptionFileException"/> with every problem found.</summary>
    public static MySqlOptionFile Load(string path)
    {
        if (Directory.Exists(path)) throw Failure($"{path}: is a directory, not an option file");
        byte[] bytes;
        UnixFileMode mode;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            mode = File.GetUnixFileMode(stream.SafeFileHandle);
            bytes = ReadBounded(stream, path);
        }
        catch (FileNotFoundException) { throw Failure($"{path}: option file not found"); }
        catch (DirectoryNotFoundException) { throw Failure($"{path}: option file not found"); }
        catch (UnauthorizedAccessException) { throw Failure($"{path}: cannot read the option file: permission denied"); }
        catch (IOException e) { throw Failure($"{path}: cannot read the option file: {OneLine(e.Message)}"); }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException) { throw Failure($"{path}: not UTF-8 text"); }

        var warnings = new List<string>();
        // The client library ignores a world-writable my.cnf for the same reason: whoever can edit it can point us at
        // their own server and collect the password.
        if ((mode & UnixFileMode.OtherWrite) != 0)
            throw Failure($"{path}: writable by everyone (mode {Octal(mode)}): chmod 600 it");
        var options = Parse(text, path, warnings);
        if (options.Password is not null && (mode & (GroupOrOtherRead | GroupOrOtherWrite)) != 0)
            warnings.Add($"{path}: holds a password but is readable or writable by others than its owner (mode {Octal(mode)}): chmod 600 it");
        options.Warnings = warnings;
        return options;
    }

    /// <summary>Parses option-file text (no file access, no permission check); <paramref name="path"/> names it in messages.</summary>
    public static MySqlOptionFile Parse(string text, string path) => Parse(text, path, []);

    private static MySqlOptionFile Parse(string text, string path, List<string> warnings)
    {
        var errors = new List<string>();
        // The value each key has per group, with its line, so [jobstats] can override [client] wherever it appears.
        var byGroup = Groups.ToDictionary(g => g, _ => new Dictionary<string, (string? Value, int Line)>(StringComparer.Ordinal));
        string? group = null;
        if (text.StartsWith('\uFEFF')) text = text[1..];
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            void Error(string message) => errors.Add($"{path}:{number}: {message}");

            string line = lines[i].TrimEnd('\r').Trim(' ', '\t');
            if (line.Contains('\0'))
            {
                Error("contains a NUL byte: not a text line");
                continue;
            }
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
            if (line[0] == '!')
            {
                Error(line.StartsWith("!include", StringComparison.Ordinal)
                    ? "'!include' and '!includedir' are not supported: put the settings in this file"
                    : "unknown '!' directive");
                continue;
            }
            if (line[0] == '[')
            {
                // After a broken header the lines still get their syntax checked, but they belong to no group we read.
                group = ParseGroup(line, Error) ?? "";
                continue;
            }
            if (group is null)
            {
                Error("option before any [group] header");
                continue;
            }
            if (ParseOption(line, Error) is not { } option) continue;
            if (byGroup.TryGetValue(group, out var values)) values[option.Key] = (option.Value, number);
        }

        var options = new MySqlOptionFile(path);
        var effective = new Dictionary<string, (string? Value, int Line)>(StringComparer.Ordinal);
        foreach (string name in Groups)
        {
            foreach (var (key, value) in byGroup[name]) effective[key] = value;
        }
        options.Apply(effective, errors);
        if (errors.Count > 0) throw new MySqlOptionFileException(errors);
        options.Warnings = warnings;
        return options;
    }

    private void Apply(Dictionary<string, (string? Value, int Line)> values, List<string> errors)
    {
        string? Text(string key, bool allowEmpty = false)
        {
            if (!values.TryGetValue(key, out var entry)) return null;
            if (entry.Value is null)
            {
                errors.Add($"{Path}:{entry.Line}: '{key}' has no value" +
                           (key == "password" ? " (jobstats cannot prompt for a password)" : ""));
                return null;
            }
            if (entry.Value.Length == 0 && !allowEmpty)
            {
                errors.Add($"{Path}:{entry.Line}: '{key}' is empty");
                return null;
            }
            return entry.Value;
        }

        Host = Text("host");
        User = Text("user");
        // An empty password is a legitimate (if unwise) account setting, as for the mysql client.
        Password = Text("password", allowEmpty: true);
        Socket = Text("socket");
        Database = Text("database") ?? DefaultDatabase;
        SslCa = Text("ssl-ca");
        if (Text("port") is { } port)
        {
            if (int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number)
                && number is >= 1 and <= 65535)
                Port = number;
            else
                errors.Add($"{Path}:{values["port"].Line}: 'port' must be a number from 1 to 65535");
        }
        if (Text("ssl-mode") is { } ssl)
        {
            SslMode = ssl.ToUpperInvariant() switch
            {
                "DISABLED" => MySqlSslMode.None,
                "PREFERRED" => MySqlSslMode.Preferred,
                "REQUIRED" => MySqlSslMode.Required,
                "VERIFY_CA" => MySqlSslMode.VerifyCA,
                "VERIFY_IDENTITY" => MySqlSslMode.VerifyFull,
                _ => null,
            };
            if (SslMode is null)
                errors.Add($"{Path}:{values["ssl-mode"].Line}: 'ssl-mode' must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
        }
    }

    /// <summary><c>[name]</c>, optionally followed by a comment; the name is returned lower-cased (groups ignore case).</summary>
    private static string? ParseGroup(string line, Action<string> error)
    {
        int close = line.IndexOf(']', StringComparison.Ordinal);
        if (close < 0)
        {
            error("group header without its closing ']'");
            return null;
        }
        string rest = line[(close + 1)..].TrimStart(' ', '\t');
        if (rest.Length > 0 && rest[0] != '#' && rest[0] != ';')
        {
            error("text after a group header");
            return null;
        }
        string name = line[1..close].Trim(' ', '\t');
        if (name.Length == 0)
        {
            error("empty group name");
            return null;
        }
        return name.ToLowerInvariant();
    }

    /// <summary>
    /// <c>key = value</c> or a bare <c>key</c> (a switch, value null). Keys are compared as the client library does
    /// after its own folding: lower case, <c>_</c> and <c>-</c> alike.
    /// </summary>
    private static (string Key, string? Value)? ParseOption(string line, Action<string> error)
    {
        if (EndOfContent(line) is not { } end)
        {
            error("unterminated quote");
            return null;
        }
        line = line[..end].TrimEnd(' ', '\t');
        int equals = line.IndexOf('=', StringComparison.Ordinal);
        string key = (equals < 0 ? line : line[..equals]).TrimEnd(' ', '\t');
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        {
            error("expected 'key = value', '[group]' or a comment");
            return null;
        }
        key = key.ToLowerInvariant().Replace('_', '-');
        if (equals < 0) return (key, null);

        string raw = line[(equals + 1)..].TrimStart(' ', '\t');
        if (raw.Length > 0 && (raw[0] == '"' || raw[0] == '\''))
        {
            if (raw.Length < 2 || raw[^1] != raw[0] || ClosingQuote(raw) != raw.Length - 1)
            {
                error("text after the closing quote");
                return null;
            }
            raw = raw[1..^1];
        }
        return (key, Unescape(raw));
    }

    /// <summary>
    /// Where the line's content ends: at the first <c>#</c> outside quotes, as in the client library, or null when a
    /// quote is never closed (the rest would otherwise be silently taken as part of a password).
    /// </summary>
    private static int? EndOfContent(string line)
    {
        char quote = '\0';
        bool escaped = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == quote) quote = '\0';
            }
            else if (c == '"' || c == '\'') quote = c;
            else if (c == '#') return i;
        }
        return quote == '\0' ? line.Length : null;
    }

    /// <summary>The index of the quote closing the one at index 0, skipping escaped characters; -1 when none.</summary>
    private static int ClosingQuote(string value)
    {
        for (int i = 1; i < value.Length; i++)
        {
            if (value[i] == '\\') i++;
            else if (value[i] == value[0]) return i;
        }
        return -1;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\')) return value;
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                text.Append(value[i]);
                continue;
            }
            char next = value[++i];
            switch (next)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 's': text.Append(' '); break;
                case '\\' or '"' or '\'': text.Append(next); break;
                // The client library keeps an unknown escape as written, backslash included.
                default: text.Append('\\').Append(next); break;
            }
        }
        return text.ToString();
    }

    private static byte[] ReadBounded(FileStream stream, string path)
    {
        // One byte more than allowed tells a file at the limit from a larger one without trusting its reported length
        // (a pipe or /proc file has none).
        var buffer = new byte[MaxFileBytes + 1];
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0) break;
            total += read;
        }
        if (total > MaxFileBytes) throw Failure($"{path}: larger than {MaxFileBytes} bytes: not an option file");
        return buffer[..total];
    }

    private static MySqlOptionFileException Failure(string problem) => new([problem]);

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
