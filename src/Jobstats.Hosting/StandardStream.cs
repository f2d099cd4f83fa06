using System.Runtime.InteropServices;

namespace Jobstats.Hosting;

/// <summary>
/// stdout or stderr written with write(2), as the console streams write, so that output shared with other processes
/// (2>&amp;1, >> log) interleaves correctly; but without what the first console write sets up and jobstats never uses:
/// terminal handling, with a signal-handling thread of its own, and Console.Out. A reader that went away
/// (<c>jobstats 123 | head -1</c>) is ignored, as the console streams ignore it.
/// </summary>
public sealed unsafe partial class StandardStream(int fd) : Stream
{
    private const int EIntr = 4;
    private const int EAgain = 11;
    private const int EPipe = 32;
    private const short PollOut = 0x004;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                nint written = WriteBytes(fd, start + done, buffer.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EPipe) return;
                if (errno == EAgain)
                {
                    // A non-blocking descriptor inherited from the caller: wait until it takes more.
                    var pollFd = new PollFd { Fd = fd, Events = PollOut };
                    PollOne(&pollFd, 1, -1);
                }
                else if (errno != EIntr) throw new IOException($"cannot write to descriptor {fd}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteBytes(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll")]
    private static partial int PollOne(PollFd* pollFd, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }
}
