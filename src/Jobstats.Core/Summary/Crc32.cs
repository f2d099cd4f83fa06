namespace Jobstats.Core.Summary;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected, as gzip's trailer uses it). The BCL has none; System.IO.Hashing would be a package
/// for thirty lines. Eight bytes a step through eight tables ("slicing by 8"): a table of 100,000 jobs checks
/// 100,000 summaries, and a byte at a time was a few per cent of its CPU time.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> t = Tables;
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            uint low = crc ^ (data[0] | (uint)data[1] << 8 | (uint)data[2] << 16 | (uint)data[3] << 24);
            crc = t[7 * 256 + (int)(low & 0xFF)] ^ t[6 * 256 + (int)((low >> 8) & 0xFF)] ^
                  t[5 * 256 + (int)((low >> 16) & 0xFF)] ^ t[4 * 256 + (int)(low >> 24)] ^
                  t[3 * 256 + data[4]] ^ t[2 * 256 + data[5]] ^ t[1 * 256 + data[6]] ^ t[data[7]];
            data = data[8..];
        }
        foreach (byte b in data) crc = t[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        return ~crc;
    }

    // Table 0 is the classic byte table; table k advances a byte's CRC through k more zero bytes.
    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tables[n] = c;
        }
        for (int k = 1; k < 8; k++)
            for (int n = 0; n < 256; n++)
                tables[k * 256 + n] = tables[(k - 1) * 256 + n] >> 8 ^ tables[tables[(k - 1) * 256 + n] & 0xFF];
        return tables;
    }
}
