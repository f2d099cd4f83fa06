namespace Jobstats.Deploy.Capacity;

/// <summary>What one store spends on disk per sample and per series, and in memory, as measured (LabMeasurement).</summary>
public sealed record StoreCost(double BytesPerSample, double IndexBytesPerSeriesPerDay, double MemoryFixedBytes, double MemoryBytesPerSeries)
{
    public double DiskPerDay(long series, double samplesPerDay) => samplesPerDay * BytesPerSample + series * IndexBytesPerSeriesPerDay;

    public double Memory(long series) => MemoryFixedBytes + series * MemoryBytesPerSeries;
}
