namespace Jobstats.Deploy.Targets;

/// <summary>
/// Names ↔ ids from a root's /etc/passwd and /etc/group. An image or prefix root has its own accounts, which are
/// the ones that matter for its files; a root without them falls back to this host's.
/// </summary>
internal sealed class AccountTable
{
    private readonly Dictionary<string, uint> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string> _userNames = [];
    private readonly Dictionary<uint, string> _groupNames = [];

    public AccountTable(string root)
    {
        Load(Pick(root, "etc/passwd"), _users, _userNames);
        Load(Pick(root, "etc/group"), _groups, _groupNames);
        _users.TryAdd("root", 0); _groups.TryAdd("root", 0);
        _userNames.TryAdd(0, "root"); _groupNames.TryAdd(0, "root");
    }

    public uint Uid(string name) => _users.TryGetValue(name, out var id) ? id
        : uint.TryParse(name, out var numeric) ? numeric
        : throw new IOException($"user '{name}' does not exist on this target");

    public uint Gid(string name) => _groups.TryGetValue(name, out var id) ? id
        : uint.TryParse(name, out var numeric) ? numeric
        : throw new IOException($"group '{name}' does not exist on this target");

    public string UserName(uint id) => _userNames.TryGetValue(id, out var n) ? n : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string GroupName(uint id) => _groupNames.TryGetValue(id, out var n) ? n : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Pick(string root, string relative)
    {
        var inRoot = Path.Combine(root, relative);
        return File.Exists(inRoot) ? inRoot : "/" + relative;
    }

    private static void Load(string file, Dictionary<string, uint> byName, Dictionary<uint, string> byId)
    {
        if (!File.Exists(file)) return;
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length < 3 || !uint.TryParse(fields[2], out var id)) continue;
            byName.TryAdd(fields[0], id);
            byId.TryAdd(id, fields[0]);
        }
    }
}
