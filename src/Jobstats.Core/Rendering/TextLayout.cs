namespace Jobstats.Core.Rendering;

internal static class TextLayout
{
    public const int Width = 80;

    /// <summary>Python's <c>str.center</c>: the odd space goes left only when both margin and width are odd.</summary>
    public static string Center(string text, int width = Width)
    {
        int margin = width - text.Length;
        if (margin <= 0) return text;
        int left = margin / 2 + (margin & width & 1);
        return new string(' ', left) + text + new string(' ', margin - left);
    }

    public static string Rule => new('=', Width);
}
