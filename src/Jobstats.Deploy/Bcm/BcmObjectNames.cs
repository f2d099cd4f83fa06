namespace Jobstats.Deploy.Bcm;

/// <summary>
/// The one rule for BCM object names (categories, software images, wlm settings and submodes) before they are
/// placed into cmsh text: 1 to 128 ASCII letters, digits, '_', '.' or '-', starting with a letter or digit.
/// Nothing in it is cmsh syntax (';' would start a new command, a space a new argument), and the first character
/// is never '-', which cmsh would read as an option ("use -h"), nor '.' or '_', which BCM does not create.
/// </summary>
internal static class BcmObjectNames
{
    public const int MaxLength = 128;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterOrDigit(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
