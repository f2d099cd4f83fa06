using System.Runtime.InteropServices;
using System.Text;

namespace Jobstats.Processes.Posix;

/// <summary>
/// Serves a child's three pipes on the calling thread with poll(): keeps stdout up to its cap and the first part of
/// stderr (the rest is read and dropped, so the child never blocks on it), writes stdin while the child reads it, and
/// stops at the deadline, at the stdout cap or at the caller's cancellation, which wakes the poll through a pipe.
/// </summary>
internal sealed unsafe class PipeSession : IDisposable
{
    public enum End { Drained, TimedOut, OutputTooLarge, Cancelled }

    private const int BufferSize = 16384;
    private const int ExitCheckMilliseconds = 50;
    private const int EPipe = 32;

    private readonly ChildProcess _child;
    private readonly ReadOnlyMemory<byte> _input;
    private readonly int _maxOutput;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenRegistration _registration;
    private readonly Capture _stdout, _stderr = new();
    private readonly int[] _wake = [-1, -1];
    private int _written;

    public PipeSession(ChildProcess child, ProcessRequest request, CancellationToken cancellation)
    {
        _child = child;
        _maxOutput = request.MaxOutputChars;
        _stdout = new Capture(request.StandardOutputReader);
        _cancellation = cancellation;
        Deadline = new Deadline(request.Timeout);
        if (request.StandardInput is { } input) _input = input;
        else child.CloseStdin(); // end of input at once, not a wait for a terminal
        if (!cancellation.CanBeCanceled) return;
        fixed (int* fds = _wake)
        {
            if (Libc.Pipe(fds, Libc.OCloexec | Libc.ONonblock) != 0)
                throw new IOException($"cannot create a pipe: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        _registration = cancellation.Register(static state =>
        {
            byte one = 1;
            Libc.Write((int)state!, &one, 1);
        }, _wake[1]);
    }

    public Deadline Deadline { get; }

    public string Output => _stdout.Text;

    public string Errors => _stderr.Text;

    /// <summary>Serves the pipes until stdout and stderr end (and stdin is written or refused), or until a stop.</summary>
    public End Serve()
    {
        Libc.PollFd* fds = stackalloc Libc.PollFd[4];
        byte[] buffer = new byte[BufferSize];
        while (_child.Stdout >= 0 || _child.Stderr >= 0 || _child.Stdin >= 0)
        {
            if (_cancellation.IsCancellationRequested) return End.Cancelled;
            int left = Deadline.MillisecondsLeft;
            if (left == 0) return End.TimedOut;
            bool outputsEnded = _child.Stdout < 0 && _child.Stderr < 0;
            if (outputsEnded && _child.TryReap())
            {
                _child.CloseStdin(); // it exited without reading all of its input
                break;
            }
            // Only stdin left: a child that exited wakes no poll, so its exit is looked at now and then.
            int timeout = outputsEnded && (left < 0 || left > ExitCheckMilliseconds) ? ExitCheckMilliseconds : left;

            int count = 0;
            Add(fds, ref count, _child.Stdout, Libc.PollIn);
            Add(fds, ref count, _child.Stderr, Libc.PollIn);
            Add(fds, ref count, _child.Stdin, Libc.PollOut);
            Add(fds, ref count, _wake[0], Libc.PollIn);
            int ready = Libc.Poll(fds, (nuint)count, timeout);
            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr) continue;
                throw new IOException($"poll: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
            for (int i = 0; i < count && ready > 0; i++)
            {
                if (fds[i].Returned == 0) continue;
                int fd = fds[i].Fd;
                if (fd == _child.Stdout)
                {
                    if (!ReadInto(fd, _stdout, _maxOutput, buffer, _child.CloseStdout)) return End.OutputTooLarge;
                }
                else if (fd == _child.Stderr) ReadInto(fd, _stderr, ProcessRequest.MaxErrorChars, buffer, _child.CloseStderr);
                else if (fd == _child.Stdin) WriteInput();
            }
        }
        return _cancellation.IsCancellationRequested ? End.Cancelled : End.Drained;
    }

    public void Dispose()
    {
        _registration.Dispose();
        foreach (int fd in _wake) if (fd >= 0) Libc.Close(fd);
    }

    private static void Add(Libc.PollFd* fds, ref int count, int fd, short events)
    {
        if (fd < 0) return;
        fds[count++] = new Libc.PollFd { Fd = fd, Events = events };
    }

    // One read; false when the capture went past its cap. At end of input the pipe is closed.
    private static bool ReadInto(int fd, Capture capture, int max, byte[] buffer, Action close)
    {
        nint read;
        fixed (byte* bytes = buffer) read = Libc.Read(fd, bytes, buffer.Length);
        if (read < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Libc.EAgain or Libc.EIntr) return true;
            read = 0; // a broken pipe ends the stream like end of input
        }
        if (read == 0)
        {
            capture.Finish(max);
            close();
            return true;
        }
        return capture.Append(buffer.AsSpan(0, (int)read), max);
    }

    private void WriteInput()
    {
        var rest = _input.Span[_written..];
        if (rest.IsEmpty)
        {
            _child.CloseStdin();
            return;
        }
        nint written;
        fixed (byte* bytes = rest) written = Libc.Write(_child.Stdin, bytes, Math.Min(rest.Length, 1 << 20));
        if (written >= 0)
        {
            _written += (int)written;
            if (_written == _input.Length) _child.CloseStdin();
            return;
        }
        int errno = Marshal.GetLastPInvokeError();
        // EPIPE: the program exited or closed stdin unread; its outcome says the rest.
        if (errno == EPipe || errno is not (Libc.EAgain or Libc.EIntr)) _child.CloseStdin();
    }

    /// <summary>
    /// Text decoded from a pipe, kept up to a cap; what lies beyond the cap is counted, not kept. With a reader, the
    /// bytes go to it instead, and the cap counts bytes.
    /// </summary>
    private sealed class Capture(OutputChunkReader? reader = null)
    {
        private long _passed;
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly StringBuilder _text = new();
        private char[] _chars = [];

        public string Text => _text.ToString();

        // False when the decoded text went past max (what fits is kept).
        public bool Append(ReadOnlySpan<byte> bytes, int max) => Add(bytes, flush: false, max);

        public void Finish(int max) => Add([], flush: true, max);

        private bool Add(ReadOnlySpan<byte> bytes, bool flush, int max)
        {
            if (reader is not null)
            {
                long left = max - _passed;
                if (left <= 0) return bytes.IsEmpty;
                reader(bytes[..(int)Math.Min(bytes.Length, left)]);
                _passed += bytes.Length;
                return _passed <= max;
            }
            int needed = _decoder.GetCharCount(bytes, flush);
            if (_chars.Length < needed) _chars = new char[Math.Max(needed, 4096)];
            int count = _decoder.GetChars(bytes, _chars, flush);
            int start = _text.Length == 0 && count > 0 && _chars[0] == '\uFEFF' ? 1 : 0; // a byte order mark, as StreamReader drops it
            int room = max - _text.Length;
            _text.Append(_chars, start, Math.Min(count - start, room));
            return count - start <= room;
        }
    }
}
