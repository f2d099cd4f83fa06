namespace Jobstats.Deploy.ImagingAudit;

/// <summary>What lstat says an entry of a root is; the audit reads only <see cref="Regular"/> files as text.</summary>
internal enum EntryType
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

internal static class EntryTypes
{
    /// <summary>From the S_IFMT bits of st_mode.</summary>
    public static EntryType FromMode(uint type) => type switch
    {
        0x8000 => EntryType.Regular,
        0x4000 => EntryType.Directory,
        0xA000 => EntryType.Symlink,
        0x1000 => EntryType.Fifo,
        0x2000 => EntryType.CharacterDevice,
        0x6000 => EntryType.BlockDevice,
        _ => EntryType.Socket, // 0xC000; nothing else exists on Linux
    };

    public static string Describe(this EntryType type) => type switch
    {
        EntryType.Fifo => "FIFO (named pipe)",
        EntryType.CharacterDevice => "character device",
        EntryType.BlockDevice => "block device",
        EntryType.Socket => "socket",
        _ => type.ToString().ToLowerInvariant(),
    };
}
