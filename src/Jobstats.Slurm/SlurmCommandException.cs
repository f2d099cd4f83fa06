namespace Jobstats.Slurm;

/// <summary>A Slurm command failed, timed out or printed something we cannot use.</summary>
public sealed class SlurmCommandException(string message, Exception? inner = null) : Exception(message, inner);
