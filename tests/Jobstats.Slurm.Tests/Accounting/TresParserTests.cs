using Jobstats.Slurm.Accounting;

namespace Jobstats.Slurm.Tests.Accounting;

public class TresParserTests
{
    [Theory]
    [InlineData("billing=40,cpu=40,mem=10G,node=1", 0)]
    [InlineData("billing=8,cpu=8,gres/gpu=4,mem=64G,node=1", 4)]
    [InlineData("cpu=8,gres/gpu:a100=2,mem=64G", 2)]                         // typed only: counted (the lost fix)
    [InlineData("cpu=8,gres/gpu:a100=2,gres/gpu=2,mem=64G", 2)]              // both: not counted twice
    [InlineData("cpu=8,gres/gpu:a100=2,gres/gpu:v100=1,mem=64G", 3)]
    [InlineData("cpu=8,gres/gpu=0,mem=1G", 0)]
    [InlineData("cpu=8,gres/gpumem=40G,gres/gpu=1", 1)]
    [InlineData("", 0)]
    [InlineData("gres/gpu=lots,gres/gpu:x=-1", 0)]
    public void Counts_gpus(string tres, int expected) => Assert.Equal(expected, TresParser.GpuCount(tres));
}
