namespace Jobstats.Processes;

/// <summary>Receives a program's stdout as it arrives, a chunk of bytes at a time; must not throw.</summary>
public delegate void OutputChunkReader(ReadOnlySpan<byte> chunk);

/// <summary>One program to run: argv only, a time limit, and what else it gets (environment, stdin, directory).</summary>
public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)
{
    /// <summary>Default cap on stdout: far above any job's sacct rows or batch script, far below what hurts a login node.</summary>
    public const int DefaultMaxOutputChars = 64 * 1024 * 1024;

    /// <summary>What is kept of stderr: it is only quoted in messages. The rest is read and dropped.</summary>
    public const int MaxErrorChars = 64 * 1024;

    /// <summary>More stdout than this stops the program: the outcome is <see cref="ProcessOutcome.OutputTooLarge"/>.</summary>
    public int MaxOutputChars { get; init; } = DefaultMaxOutputChars;

    /// <summary>Variables added to (or overriding) the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Bytes written to the program's stdin, which is then closed. Without it stdin is closed at once, so a program
    /// that reads it sees end of input instead of waiting for a terminal.
    /// </summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    /// <summary>
    /// When set, stdout is handed to this reader as it arrives instead of being kept
    /// (<see cref="ProcessResult.StandardOutput"/> is then empty), and <see cref="MaxOutputChars"/> counts its bytes:
    /// for outputs too large to hold twice (a listing of 100,000 jobs), read as they stream.
    /// </summary>
    public OutputChunkReader? StandardOutputReader { get; init; }

    /// <summary>Where the program runs; null inherits ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The program's name for messages: the last part of its path.</summary>
    public string Name => Path.GetFileName(FileName);

    public override string ToString() => FileName + " " + string.Join(' ', Arguments);
}
