using Jobstats.Slurm.Hostlists;

namespace Jobstats.Slurm.Tests.Hostlists;

public class HostlistExpressionTests
{
    [Fact]
    public void Expands_ranges_and_singles_keeping_zero_padding()
    {
        var hosts = HostlistExpression.Expand("dgx-[001-003,040]");
        Assert.Equal(["dgx-001", "dgx-002", "dgx-003", "dgx-040"], hosts);
    }

    [Fact]
    public void Multiple_brackets_form_the_cartesian_product_in_order()
    {
        Assert.Equal(["r1n01", "r1n02", "r2n01", "r2n02"], HostlistExpression.Expand("r[1-2]n[01-02]"));
    }

    [Fact]
    public void Comma_separated_items_mix_plain_names_and_ranges()
    {
        Assert.Equal(["login1", "dgx-9", "dgx-10", "head.cluster"], HostlistExpression.Expand("login1, dgx-[9-10],head.cluster"));
    }

    [Fact]
    public void Plain_name_is_itself()
    {
        Assert.Equal(["lab1"], HostlistExpression.Expand("lab1"));
    }

    [Fact]
    public void Padding_follows_the_lower_bound_and_widens_past_it()
    {
        Assert.Equal(["n98", "n99", "n100"], HostlistExpression.Expand("n[98-100]"));
        Assert.Equal(["n0098", "n0099", "n0100"], HostlistExpression.Expand("n[0098-0100]"));
    }

    [Theory]
    [InlineData("dgx-[001-003", "without a matching ']'")]
    [InlineData("dgx-001]", "without a matching '['")]
    [InlineData("dgx-[[1-2]]", "nested")]
    [InlineData("dgx-[]", "empty '[]'")]
    [InlineData("dgx-[3-1]", "backwards")]
    [InlineData("dgx-[a-b]", "not a digit")]
    [InlineData("dgx-[1-]", "missing number")]
    [InlineData("dgx-[1,,2]", "empty range")]
    [InlineData("a,,b", "empty item")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("node;rm -rf /", "not allowed")]
    [InlineData("node$(id)", "not allowed")]
    [InlineData("node`id`", "not allowed")]
    [InlineData("a b", "not allowed")]
    [InlineData("-oProxyCommand=sh", "must start with a letter or digit")]
    [InlineData("node\n2", "not allowed")]
    [InlineData("dgx-[1-99999999999999999999]", "too long")]
    public void Malformed_and_hostile_input_is_refused_with_a_reason(string expression, string reason)
    {
        var e = Assert.Throws<HostlistException>(() => HostlistExpression.Expand(expression));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Expansion_beyond_the_limit_is_refused_before_allocating()
    {
        var e = Assert.Throws<HostlistException>(() => HostlistExpression.Expand("n[1-999999999]"));
        Assert.Contains("more than", e.Message);
        var product = Assert.Throws<HostlistException>(() => HostlistExpression.Expand("a[1-1000]b[1-1000]", maxHosts: 10_000));
        Assert.Contains("more than 10000", product.Message);
    }

    [Fact]
    public void Overlong_expression_is_refused()
    {
        var e = Assert.Throws<HostlistException>(() => HostlistExpression.Expand(new string('a', HostlistExpression.MaxExpressionLength + 1)));
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void Position_points_at_the_fault()
    {
        var e = Assert.Throws<HostlistException>(() => HostlistExpression.Expand("ok1,bad!"));
        Assert.Equal(7, e.Position);
    }
}
