using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class ExperimentIdsTests
{
    [Theory]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("%2e%2e")]
    [InlineData("\u0430bc")] // Cyrillic a
    [InlineData("ab\u0441")] // Cyrillic es
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("abc ")]
    [InlineData("ABC")]
    [InlineData("a--b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 57
    public void IsValid_OfAnUnsafeId_IsFalse(string id)
    {
        Assert.False(ExperimentIds.IsValid(id));
        Assert.Throws<ArgumentException>(() => ExperimentIds.EnsureValid(id));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("quickstart-20261125-105036")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 56
    public void IsValid_OfASafeId_IsTrue(string id)
    {
        Assert.True(ExperimentIds.IsValid(id));
    }

    [Fact]
    public void Printable_OfControlAndNonAsciiCharacters_EscapesThemOnOneLine()
    {
        Assert.Equal("\\u0430b\\u000a", ExperimentIds.Printable("\u0430b\n"));
        Assert.Equal(new string('x', 80) + "...", ExperimentIds.Printable(new string('x', 200)));
    }
}
