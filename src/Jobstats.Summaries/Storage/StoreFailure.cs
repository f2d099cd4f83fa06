using System.Net.Sockets;
using MySqlConnector;

namespace Jobstats.Summaries.Storage;

/// <summary>
/// Turns what MySqlConnector throws into the one-line cause a log or an admin can act on. The password is scrubbed
/// from every message even though neither the driver nor the server is known to echo it: the text goes to syslog.
/// </summary>
internal static class StoreFailure
{
    /// <summary>Is this a failure of the store (connection, server, protocol) rather than a bug in the caller?</summary>
    public static bool IsStoreFailure(Exception e) => e is MySqlException or SocketException or IOException or TimeoutException;

    public static SummaryDatabaseException Wrap(Exception e, string action, string target, MySqlOptionFile options)
    {
        string message = $"summary store ({target}): {action} failed: {Cause(e, options)}";
        return new SummaryDatabaseException(Scrub(message, options.Password), e);
    }

    private static string Cause(Exception e, MySqlOptionFile options)
    {
        if (e is not MySqlException mysql) return Innermost(e);
        return mysql.ErrorCode switch
        {
            MySqlErrorCode.AccessDenied =>
                $"access denied for user '{options.User ?? Environment.UserName}': check user and password in {options.Path} and the account's host",
            MySqlErrorCode.UnknownDatabase =>
                $"database '{options.Database}' does not exist: create it, or set 'database' in {options.Path}",
            MySqlErrorCode.UnableToConnectToHost =>
                $"cannot connect (is the server up, and are host, port or socket in {options.Path} right?): {Innermost(e)}",
            MySqlErrorCode.CommandTimeoutExpired => "no answer from the server in time (command timeout)",
            _ => $"{mysql.Message} (error {mysql.Number})",
        };
    }

    /// <summary>The outer message with the deepest one, the useful part ("Connection refused" under "Unable to connect").</summary>
    private static string Innermost(Exception e)
    {
        var deepest = e;
        while (deepest.InnerException is { } inner) deepest = inner;
        return deepest == e || string.IsNullOrWhiteSpace(deepest.Message) ? e.Message : $"{e.Message} ({deepest.Message})";
    }

    private static string Scrub(string message, string? password)
    {
        message = message.ReplaceLineEndings(" ");
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }
}
