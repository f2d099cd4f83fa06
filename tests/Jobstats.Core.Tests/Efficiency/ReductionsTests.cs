using Jobstats.Core.Efficiency;
using Jobstats.Core.Model;

namespace Jobstats.Core.Tests.Efficiency;

public class ReductionsTests
{
    private static JobUsage OneNode(Action<NodeUsage> fill)
    {
        var usage = new JobUsage();
        fill(usage.Node("n1"));
        return usage;
    }

    [Fact]
    public void Cpu_totals_of_the_reference_job()
    {
        var usage = OneNode(n => { n.TotalTime = Figure.Float(79498.2); n.Cpus = Figure.Integer(40); });
        var cpu = Reductions.Cpu(usage, 2029);
        Assert.Equal(UsageError.None, cpu.Error);
        Assert.Equal((79498.2, 2029.0 * 40, 40.0), (cpu.Used, cpu.Allocated, cpu.Cores));
    }

    [Fact]
    public void Missing_cpu_time_is_error_1() =>
        Assert.Equal(UsageError.MissingData, Reductions.Cpu(OneNode(n => n.Cpus = Figure.Integer(4)), 100).Error);

    [Fact]
    public void Cpu_time_above_the_allocation_is_error_2() =>
        Assert.Equal(UsageError.AboveAllocation,
            Reductions.Cpu(OneNode(n => { n.TotalTime = Figure.Integer(500); n.Cpus = Figure.Integer(1); }), 100).Error);

    [Fact]
    public void Zero_allocation_is_error_3_even_when_used_exceeds_it() =>
        Assert.Equal(UsageError.ZeroAllocation,
            Reductions.Cpu(OneNode(n => { n.TotalTime = Figure.Integer(5); n.Cpus = Figure.Integer(0); }), 100).Error);

    [Fact]
    public void Memory_error_codes()
    {
        Assert.Equal(UsageError.MissingData, Reductions.Memory(OneNode(n => { n.TotalMemory = Figure.Integer(10); n.Cpus = Figure.Integer(1); })).Error);
        Assert.Equal(UsageError.AboveAllocation, Reductions.Memory(OneNode(n =>
        { n.UsedMemory = Figure.Integer(1983451136); n.TotalMemory = Figure.Integer(1073741824); n.Cpus = Figure.Integer(1); })).Error);
        Assert.Equal(UsageError.ZeroAllocation, Reductions.Memory(OneNode(n =>
        { n.UsedMemory = Figure.Integer(1); n.TotalMemory = Figure.Integer(0); n.Cpus = Figure.Integer(1); })).Error);
        var ok = Reductions.Memory(OneNode(n => { n.UsedMemory = Figure.Integer(5624422400); n.TotalMemory = Figure.Integer(10737418240); n.Cpus = Figure.Integer(40); }));
        Assert.Equal((UsageError.None, 5624422400.0, 10737418240.0, 40.0), (ok.Error, ok.Used, ok.Allocated, ok.Cores));
    }

    [Fact]
    public void Gpu_utilization_missing_is_error_1() =>
        Assert.Equal(UsageError.MissingData, Reductions.Gpu(OneNode(n => n.Cpus = Figure.Integer(1))).Error);

    [Fact]
    public void Gpu_mean_is_over_gpus_in_numeric_minor_order()
    {
        var usage = OneNode(n => n.GpuUtilization = new() { ["10"] = Figure.Integer(0), ["2"] = Figure.Float(50.5), ["1"] = Figure.Integer(100) });
        var gpu = Reductions.Gpu(usage);
        Assert.Equal(["1", "2", "10"], gpu.Gpus.Select(g => g.Minor));
        Assert.Equal((0 + 50.5 + 100) / 3, gpu.Mean); // a plain mean over the three GPUs
    }

    [Fact]
    public void Gpu_memory_codes_2_and_3_are_really_set()
    {
        Assert.Equal(UsageError.ZeroAllocation, Reductions.GpuMemoryUse(OneNode(n =>
        { n.GpuTotalMemory = new() { ["0"] = Figure.Integer(0) }; n.GpuUsedMemory = new() { ["0"] = Figure.Integer(0) }; })).Error);
        Assert.Equal(UsageError.AboveAllocation, Reductions.GpuMemoryUse(OneNode(n =>
        { n.GpuTotalMemory = new() { ["0"] = Figure.Integer(10) }; n.GpuUsedMemory = new() { ["0"] = Figure.Integer(11) }; })).Error);
        Assert.Equal(UsageError.MissingData, Reductions.GpuMemoryUse(OneNode(n => n.GpuTotalMemory = new() { ["0"] = Figure.Integer(10) })).Error);
    }

    [Fact]
    public void Empty_usage_is_missing_data_not_a_division_by_zero()
    {
        Assert.Equal(UsageError.MissingData, Reductions.Cpu(new JobUsage(), 100).Error);
        Assert.Equal(UsageError.MissingData, Reductions.Memory(new JobUsage()).Error);
        Assert.Equal(UsageError.MissingData, Reductions.GpuMemoryUse(new JobUsage()).Error);
    }

    [Fact]
    public void Mig_slices_sort_by_gpu_then_instance()
    {
        Assert.Equal(["0", "0.1", "0.2", "0.10", "1", "1.3", "10", "x"], Reductions.OrderMinors(["x", "10", "0.10", "1.3", "0.2", "1", "0", "0.1"]));
    }
}
