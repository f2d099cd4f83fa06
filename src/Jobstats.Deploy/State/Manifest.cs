namespace Jobstats.Deploy.State;

/// <summary>What jobstatsctl owns on one host: written before each change, so an interrupted apply is still undoable.</summary>
public sealed class Manifest
{
    public int Version { get; set; } = 1;
    public string Cluster { get; set; } = "";
    public string Host { get; set; } = "";
    public List<ManifestEntry> Entries { get; set; } = [];

    public ManifestEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);
}

/// <summary>One owned resource and what is needed to undo it.</summary>
public sealed class ManifestEntry
{
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Path { get; set; }
    public string? Name { get; set; }
    public string Component { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>True when the path or object did not exist before us.</summary>
    public bool Created { get; set; }
    /// <summary>Copy of the replaced file, in the state directory.</summary>
    public string? BackupFile { get; set; }
    public bool RestoreBackupOnUninstall { get; set; } = true;
    public string? PreviousLinkTarget { get; set; }
    public int? PreviousMode { get; set; }
    public string? PreviousOwner { get; set; }
    public string? PreviousGroup { get; set; }
    public string? PreviousValue { get; set; }
    public string? Submode { get; set; }
    public List<string>? AfterChange { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
