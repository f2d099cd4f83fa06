using System.Text;
using Jobstats.Core.Summary;

namespace Jobstats.Core.Tests.Summary;

public class Base32Tests
{
    [Theory]   // RFC 4648 test vectors, lower case and unpadded
    [InlineData("", "")]
    [InlineData("f", "my")]
    [InlineData("fo", "mzxq")]
    [InlineData("foo", "mzxw6")]
    [InlineData("foob", "mzxw6yq")]
    [InlineData("fooba", "mzxw6ytb")]
    [InlineData("foobar", "mzxw6ytboi")]
    public void Rfc4648_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(plain, Encoding.ASCII.GetString(Base32.Decode(encoded.ToUpperInvariant() + "===")));
    }

    [Fact]
    public void Rejects_characters_outside_the_alphabet() => Assert.Throws<SummaryFormatException>(() => Base32.Decode("mzx0"));
}
