using Jobstats.Deploy.Bcm;
using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.Inventories;

namespace Jobstats.Deploy.Tests.Bcm;

public class BcmObjectNamesTests
{
    [Theory]
    [InlineData("dgx", true)]
    [InlineData("dgx-image_2.1", true)]
    [InlineData("0slot", true)]
    [InlineData("-h", false)]          // cmsh would take it as an option
    [InlineData("--help", false)]
    [InlineData(".hidden", false)]
    [InlineData("_x", false)]
    [InlineData("dgx; device; remove x", false)]
    [InlineData("dgx image", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_start_with_a_letter_or_digit_and_hold_no_cmsh_syntax(string? name, bool valid) =>
        Assert.Equal(valid, BcmObjectNames.IsValid(name));

    [Fact]
    public void Names_are_at_most_128_characters() =>
        Assert.Equal([true, false], new[] { new string('a', 128), new string('a', 129) }.Select(n => BcmObjectNames.IsValid(n)));

    // The three places a category name enters cmsh text agree: the client, the exclude-list source and the inventory.
    [Fact]
    public void Cmsh_client_exclude_list_source_and_inventory_all_refuse_a_leading_dash()
    {
        Assert.Throws<CmshException>(() => CmshClient.Name("-h"));
        var source = new CmshExcludeListSource(_ => throw new InvalidOperationException("must not run"));
        Assert.Throws<ArgumentException>(() => source.Get("-h", ExcludeListKind.Grab));
        var errors = Assert.Throws<InventoryException>(() => InventoryLoader.Parse(
            "cluster: c\nbcm: {enabled: true}\nroles:\n  compute: ['category:-h']\n", "inv.yaml")).Errors;
        Assert.Contains(errors, e => e.StartsWith("inv.yaml:4: ", StringComparison.Ordinal) && e.Contains("bad category name '-h'"));
    }
}
