using System.Buffers.Binary;
using System.IO.Compression;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Summary;

public class Crc32Tests
{
    [Fact]
    public void The_check_value_of_the_standard_and_of_nothing() =>
        Assert.Equal((0xCBF43926u, 0u), (Crc32.Compute("123456789"u8), Crc32.Compute([])));

    // Every length from 1 to 40 (the eight-byte steps and every tail), each against the trailer zlib writes.
    [Fact]
    public void Agrees_with_the_trailer_gzip_writes_for_every_length_and_tail()
    {
        var random = new Random(7);
        for (int length = 1; length <= 40; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
            uint trailer = BinaryPrimitives.ReadUInt32LittleEndian(output.ToArray().AsSpan(^8));
            Assert.Equal(trailer, Crc32.Compute(data));
        }
    }
}
