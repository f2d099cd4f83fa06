namespace Jobstats.Deploy.Bcm.ExcludeLists;

/// <summary>
/// The offline exclude-lists file (`--exclude-lists FILE`): sections named after the cmsh properties, each holding
/// that list's text verbatim, exactly what `cmsh -c "category; use C; get excludelistgrab"` prints:
/// <code>
/// # optional comments before the first section
/// [excludelistgrab]
/// - /proc/*
/// [excludelistupdate]
/// - /var/log/*
/// no-new-files: - /tftpboot/*
/// </code>
/// A section that is missing means that list is empty. Line numbers in errors refer to this file.
/// </summary>
public sealed class ExcludeListFile : IExcludeListSource
{
    public const long MaxFileBytes = 16 * 1024 * 1024;
    private readonly Dictionary<ExcludeListKind, ExcludeList> _lists;

    private ExcludeListFile(string description, Dictionary<ExcludeListKind, ExcludeList> lists)
    {
        Description = description;
        _lists = lists;
    }

    public string Description { get; }

    public ExcludeList Get(string category, ExcludeListKind kind) =>
        _lists.TryGetValue(kind, out var list) ? list : ExcludeList.Empty(kind);

    public static ExcludeListFile Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"exclude-lists file {path} does not exist", path);
        }
        if (info.Length > MaxFileBytes)
        {
            throw new ExcludeListFormatException(path, 1, $"file is larger than {MaxFileBytes} bytes");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static ExcludeListFile Parse(string text, string source)
    {
        var sections = new Dictionary<ExcludeListKind, (int FirstLine, List<string> Lines)>();
        (int FirstLine, List<string> Lines)? current = null;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith('[') && !trimmed.StartsWith("[:", StringComparison.Ordinal) && trimmed.EndsWith(']') && !trimmed.Contains(' '))
            {
                var name = trimmed[1..^1];
                if (!ExcludeListKinds.TryParse(name, out var kind))
                {
                    throw new ExcludeListFormatException(source, index + 1,
                        $"unknown section [{name}]; expected one of {string.Join(", ", ExcludeListKinds.All.Select(k => $"[{k.PropertyName()}]"))}");
                }
                if (sections.ContainsKey(kind))
                {
                    throw new ExcludeListFormatException(source, index + 1, $"section [{name}] appears twice");
                }
                current = (index + 2, new List<string>());
                sections[kind] = current.Value;
                continue;
            }
            if (current is null)
            {
                if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
                {
                    continue;
                }
                throw new ExcludeListFormatException(source, index + 1, "rule before the first [excludelist...] section");
            }
            current.Value.Lines.Add(line);
        }

        var lists = new Dictionary<ExcludeListKind, ExcludeList>();
        foreach (var (kind, section) in sections)
        {
            lists[kind] = ExcludeListParser.Parse(kind, string.Join('\n', section.Lines), source, section.FirstLine - 1);
        }
        return new ExcludeListFile($"file {source}", lists);
    }
}
