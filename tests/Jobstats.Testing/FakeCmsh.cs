namespace Jobstats.Testing;

/// <summary>
/// A fake cmsh in a temp dir: a state file it answers from (<c>category.NAME.nodes=a,b</c>,
/// <c>category.NAME.softwareimage=IMAGE</c>, <c>image.IMAGE.path=/cm/images/IMAGE</c>, <c>wlm.KEY=VALUE</c>) and a
/// transcript of every command it got. <see cref="Set"/> changes the cluster between commands (a node joins a category).
/// </summary>
public sealed class FakeCmsh : IDisposable
{
    public FakeCmsh(params string[] state)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fake-cmsh-").FullName;
        StateFile = Path.Combine(Directory, "state");
        TranscriptFile = Path.Combine(Directory, "transcript");
        File.WriteAllLines(StateFile, state);
        File.WriteAllText(TranscriptFile, "");
        var script = Path.Combine(AppContext.BaseDirectory, "fake-cmsh.sh");
        Program = Path.Combine(Directory, "cmsh");
        File.WriteAllText(Program, $"#!/bin/bash\nexec bash '{script}' '{StateFile}' '{TranscriptFile}' \"$@\"\n");
        File.SetUnixFileMode(Program, (UnixFileMode)0x1ED);
    }

    public string Directory { get; }
    public string StateFile { get; }
    public string TranscriptFile { get; }
    public string Program { get; }

    public IReadOnlyList<string> Transcript => File.ReadAllLines(TranscriptFile);

    public string? State(string key) =>
        File.ReadAllLines(StateFile).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..]).LastOrDefault();

    /// <summary>Sets <paramref name="key"/> in the state, as BCM would after an admin's change.</summary>
    public void Set(string key, string value) =>
        File.WriteAllLines(StateFile, [.. File.ReadAllLines(StateFile).Where(l => !l.StartsWith(key + "=", StringComparison.Ordinal)), $"{key}={value}"]);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
