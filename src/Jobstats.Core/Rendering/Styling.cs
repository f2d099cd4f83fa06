namespace Jobstats.Core.Rendering;

/// <summary>ANSI styling that collapses to plain text when colour is off.</summary>
internal sealed class Styling(bool enabled)
{
    public const string BoldCode = "\x1b[1m";
    public const string RedCode = "\x1b[31m";
    public const string NormalCode = "\x1b(B\x1b[m";

    public bool Enabled { get; } = enabled;

    public string Bold(string text) => Enabled ? BoldCode + text + NormalCode : text;

    public string BoldRed(string text) => Enabled ? BoldCode + RedCode + text + NormalCode : text;

    public string Red(string text) => Enabled ? RedCode + text + NormalCode : text;
}
