using System.Runtime.InteropServices;

namespace Jobstats.Processes.Posix;

/// <summary>
/// One child started with posix_spawn: stdin, stdout and stderr are pipes whose parent ends are non-blocking, and the
/// child leads a process group of its own, so that one kill reaches everything it started and stayed in the group.
/// Disposing closes our pipe ends and, if the child was never reaped, kills its group and reaps it: no zombie stays.
/// </summary>
internal sealed unsafe class ChildProcess : IDisposable
{
    private int _exitCode = -1;

    private ChildProcess(int pid, int stdin, int stdout, int stderr)
    {
        Pid = pid;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
    }

    public int Pid { get; }

    /// <summary>Our ends of the pipes, or -1 once closed.</summary>
    public int Stdin { get; private set; }
    public int Stdout { get; private set; }
    public int Stderr { get; private set; }

    public bool Reaped { get; private set; }

    /// <summary>The exit code, or 128 + the signal that ended it (what a shell and .NET's Process report).</summary>
    public int ExitCode => Reaped ? _exitCode : throw new InvalidOperationException("the child has not been reaped");

    /// <summary>Starts the program; returns 0 and the child, or the errno that stopped it (the program or directory).</summary>
    public static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string? directory,
        out ChildProcess? child)
    {
        child = null;
        int* stdin = stackalloc int[2];
        int* stdout = stackalloc int[2];
        int* stderr = stackalloc int[2];
        stdin[0] = stdin[1] = stdout[0] = stdout[1] = stderr[0] = stderr[1] = -1;
        byte* attributes = stackalloc byte[Libc.SpawnAttributesSize];
        byte* actions = stackalloc byte[Libc.FileActionsSize];
        byte* signals = stackalloc byte[Libc.SignalSetSize];
        var strings = new List<nint>();
        try
        {
            // O_CLOEXEC: a program spawned meanwhile by another thread inherits none of them; dup2 clears it in ours.
            if (Libc.Pipe(stdin, Libc.OCloexec) != 0 || Libc.Pipe(stdout, Libc.OCloexec) != 0 || Libc.Pipe(stderr, Libc.OCloexec) != 0)
                throw new IOException($"cannot create a pipe: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

            Libc.FileActionsInit(actions);
            Libc.SpawnAttributesInit(attributes);
            try
            {
                Libc.FileActionsAddDup2(actions, stdin[0], 0);
                Libc.FileActionsAddDup2(actions, stdout[1], 1);
                Libc.FileActionsAddDup2(actions, stderr[1], 2);
                if (directory is not null) Libc.FileActionsAddChdir(actions, Utf8(directory, strings));
                // The runtime ignores SIGPIPE and may block signals on this thread: the program gets the defaults.
                Libc.SignalSetFill(signals);
                Libc.SpawnAttributesSetSignalDefaults(attributes, signals);
                Libc.SignalSetEmpty(signals);
                Libc.SpawnAttributesSetSignalMask(attributes, signals);
                Libc.SpawnAttributesSetProcessGroup(attributes, 0);
                Libc.SpawnAttributesSetFlags(attributes, Libc.SpawnSetProcessGroup | Libc.SpawnSetSignalDefaults | Libc.SpawnSetSignalMask);

                byte** args = Vector(argv, strings);
                byte** env = Vector(environment, strings);

                // glibc's posix_spawn waits for the exec and returns its error: a missing program is reported here.
                int error = Libc.Spawn(out int pid, Utf8(path, strings), actions, attributes, args, env);
                if (error != 0) return error;
                child = new ChildProcess(pid, stdin[1], stdout[0], stderr[0]);
                stdin[1] = stdout[0] = stderr[0] = -1;
                NonBlocking(child.Stdin);
                NonBlocking(child.Stdout);
                NonBlocking(child.Stderr);
                return 0;
            }
            finally
            {
                Libc.SpawnAttributesDestroy(attributes);
                Libc.FileActionsDestroy(actions);
            }
        }
        finally
        {
            foreach (nint s in strings) NativeMemory.Free((void*)s);
            for (int i = 0; i < 2; i++)
            {
                if (stdin[i] >= 0) Libc.Close(stdin[i]);
                if (stdout[i] >= 0) Libc.Close(stdout[i]);
                if (stderr[i] >= 0) Libc.Close(stderr[i]);
            }
        }
    }

    public void CloseStdin() => Stdin = CloseFd(Stdin);

    public void CloseStdout() => Stdout = CloseFd(Stdout);

    public void CloseStderr() => Stderr = CloseFd(Stderr);

    /// <summary>SIGKILL to the child's process group: the child and every descendant that did not leave the group.</summary>
    public void KillGroup()
    {
        // The group outlives a reaped leader while members remain, and its id is not reused meanwhile; without members
        // the kill finds nobody (ESRCH), which is fine.
        Libc.Kill(-Pid, Libc.SigKill);
    }

    /// <summary>Reaps the child if it has exited; true then.</summary>
    public bool TryReap() => Reap(Libc.WNoHang);

    /// <summary>Waits for the child to exit and reaps it.</summary>
    public void WaitAndReap() => Reap(0);

    public void Dispose()
    {
        CloseStdin();
        CloseStdout();
        CloseStderr();
        if (Reaped) return;
        KillGroup();
        WaitAndReap();
    }

    private bool Reap(int options)
    {
        if (Reaped) return true;
        int result, status;
        do result = Libc.WaitPid(Pid, out status, options);
        while (result < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr);
        if (result == 0) return false;
        if (result < 0) throw new IOException($"waitpid {Pid}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        Reaped = true;
        int signal = status & 0x7f;
        _exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        return true;
    }

    private static int CloseFd(int fd)
    {
        if (fd >= 0) Libc.Close(fd);
        return -1;
    }

    private static void NonBlocking(int fd) => Libc.Fcntl(fd, Libc.FSetFlags, Libc.Fcntl(fd, Libc.FGetFlags, 0) | Libc.ONonblock);

    // A null-terminated array of C strings, as execve takes argv and envp; everything is recorded in allocated.
    private static byte** Vector(IReadOnlyList<string> texts, List<nint> allocated)
    {
        byte** vector = (byte**)NativeMemory.Alloc((nuint)(texts.Count + 1), (nuint)sizeof(byte*));
        allocated.Add((nint)vector);
        for (int i = 0; i < texts.Count; i++) vector[i] = Utf8(texts[i], allocated);
        vector[texts.Count] = null;
        return vector;
    }

    private static byte* Utf8(string text, List<nint> allocated)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(text);
        byte* bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        allocated.Add((nint)bytes);
        System.Text.Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return bytes;
    }
}
