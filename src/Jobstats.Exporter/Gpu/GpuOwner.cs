namespace Jobstats.Exporter.Gpu;

/// <summary>The job holding a GPU, from its ownership file ("&lt;jobid&gt; &lt;uid&gt;").</summary>
internal sealed record GpuOwner(string JobId, string Uid);
