namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// Reads a category's lists through cmsh. The runner takes a cmsh command string (the argument of `cmsh -c`) and
/// returns its standard output, so any cmsh client can be plugged in at the call site.
/// </summary>
public sealed class CmshExcludeListSource(Func<string, string> runCmsh) : IExcludeListSource
{
    public string Description => "cmsh";

    public ExcludeList Get(string category, ExcludeListKind kind)
    {
        if (!BcmObjectNames.IsValid(category))
        {
            throw new ArgumentException($"category name '{category}' is not a valid BCM object name", nameof(category));
        }
        var command = CommandFor(category, kind);
        var output = runCmsh(command);
        return ExcludeListParser.Parse(kind, output, $"cmsh -c \"{command}\"");
    }

    public static string CommandFor(string category, ExcludeListKind kind) =>
        $"category; use {category}; get {kind.PropertyName()}";
}
