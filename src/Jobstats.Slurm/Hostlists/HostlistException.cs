namespace Jobstats.Slurm.Hostlists;

/// <summary>A hostlist expression that cannot be expanded; <see cref="Position"/> is the 0-based offset of the fault.</summary>
public sealed class HostlistException(string message, int position) : FormatException(message)
{
    public int Position { get; } = position;
}
