using static System.IO.UnixFileMode;

namespace Jobstats.Deploy.Resources;

/// <summary>
/// The Unix permission bits the deployment writes and compares, by name. C# has no octal literals and 0x1ED does not
/// read as rwxr-xr-x, so every mode is spelled from <see cref="UnixFileMode"/> flags here and nowhere else.
/// </summary>
internal static class FileModes
{
    /// <summary>0755, rwxr-xr-x: programs, scripts and directories.</summary>
    public const int Executable = (int)(UserRead | UserWrite | UserExecute | GroupRead | GroupExecute | OtherRead | OtherExecute);

    /// <summary>0750, rwxr-x---: a directory its owner writes and its group may list (the summary spool).</summary>
    public const int GroupExecutable = (int)(UserRead | UserWrite | UserExecute | GroupRead | GroupExecute);

    /// <summary>0644, rw-r--r--: files everyone may read (configuration, /etc/passwd, /etc/group).</summary>
    public const int Readable = (int)(UserRead | UserWrite | GroupRead | OtherRead);

    /// <summary>0640, rw-r-----: readable by the owning group only (/etc/shadow, group shadow).</summary>
    public const int GroupReadable = (int)(UserRead | UserWrite | GroupRead);

    /// <summary>0600, rw-------: root's own state (the manifest, backups of replaced files).</summary>
    public const int Private = (int)(UserRead | UserWrite);

    /// <summary>07777: the permission bits with setuid, setgid and sticky; st_mode without its file-type bits.</summary>
    public const int PermissionBits = (int)(SetUser | SetGroup | StickyBit | UserRead | UserWrite | UserExecute
        | GroupRead | GroupWrite | GroupExecute | OtherRead | OtherWrite | OtherExecute);

    /// <summary>The four-digit octal spelling (0755) that chmod, stat and people use.</summary>
    public static string Octal(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
}
