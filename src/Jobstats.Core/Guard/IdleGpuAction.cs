namespace Jobstats.Core.Guard;

public enum IdleGpuActionKind { Warn, Cancel }

/// <summary>One thing to do to one job, with the figures the mail and the log quote.</summary>
public sealed record IdleGpuAction(IdleGpuActionKind Kind, IdleGpuJob Job, double LimitMinutes, string Reason);
