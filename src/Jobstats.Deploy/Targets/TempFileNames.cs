using System.Globalization;
using System.Text.RegularExpressions;

namespace Jobstats.Deploy.Targets;

/// <summary>
/// The one definition of the temp files our atomic writes create next to their destination (file or link):
/// <c>.NAME.jobstats-PID-ID</c>, where PID is the writing process and ID 32 hex digits. A process killed between
/// creating and renaming one leaves it behind; plan, apply, uninstall and the imaging audit recognise leftovers by
/// this exact pattern only, so a user's file is never taken for ours.
/// </summary>
internal static partial class TempFileNames
{
    /// <summary>A shell glob that every temp name matches: a cheap pre-filter before <see cref="TryParse"/>.</summary>
    public const string Glob = ".*.jobstats-*";

    [GeneratedRegex("^\\..+\\.jobstats-(?<pid>[1-9][0-9]{0,9})-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    // What releases before this one wrote: "NAME.jobstats-GUID" (links), ssh's mktemp ".jobstats.XXXXXX" and
    // "NAME.jobstats-new". They carry no pid, so nothing can tell a live writer's from a dead one's: only the imaging
    // audit, which must not pass an image holding them, looks for them; cleanup never touches them.
    [GeneratedRegex(@"^(.+\.jobstats-[0-9a-f]{32}|\.jobstats\.[A-Za-z0-9]{6}|.+\.jobstats-new)$", RegexOptions.CultureInvariant)]
    private static partial Regex EarlierPattern();

    /// <summary>A fresh random ID for <see cref="For"/> (remote writers receive it as an argument).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The temp name for writing <paramref name="fileName"/> from process <paramref name="pid"/>.</summary>
    public static string For(string fileName, int pid, string id) => $".{fileName}.jobstats-{pid}-{id}";

    /// <summary>
    /// The same name built by a remote POSIX shell: <c>$1</c> is the destination, <c>$$</c> the writing shell,
    /// <paramref name="idParameter"/> the positional parameter carrying <see cref="NewId"/>.
    /// </summary>
    public static string ShellExpression(string idParameter) => $"\"$(dirname \"$1\")/.$(basename \"$1\").jobstats-$$-{idParameter}\"";

    /// <summary>True for a temp name of this release or of an earlier one (see <see cref="EarlierPattern"/>).</summary>
    public static bool IsAnyRelease(string fileName) => Pattern().IsMatch(fileName) || EarlierPattern().IsMatch(fileName);

    /// <summary>True when <paramref name="fileName"/> (no directory) is one of our temp names; gives its writer's pid.</summary>
    public static bool TryParse(string fileName, out int writerPid)
    {
        writerPid = 0;
        var match = Pattern().Match(fileName);
        return match.Success && int.TryParse(match.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out writerPid);
    }
}
