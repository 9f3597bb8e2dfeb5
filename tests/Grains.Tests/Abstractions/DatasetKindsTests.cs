using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

public sealed class DatasetKindsTests
{
    [Fact]
    public void TryParse_EveryNamedKind_RoundTripsThroughItsWord()
    {
        foreach (var kind in Enum.GetValues<DatasetKind>())
        {
            Assert.True(DatasetKinds.TryParse(DatasetKinds.Name(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["teacher", "random-labels", "gaussian-mixture", "csv", "idx"], DatasetKinds.Names);
    }

    [Theory]
    [InlineData("Teacher")]
    [InlineData("parquet")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AWordSpecsDoNotUse_IsRefused(string? name) => Assert.False(DatasetKinds.TryParse(name, out _));

    [Fact]
    public void TypedKind_OfAnUnknownKind_ThrowsNamingTheField()
    {
        // A SpecException, as the validator throws, so a trainer given an unvalidated spec fails the point at once.
        var e = Assert.Throws<SpecException>(() => new DatasetSpec("parquet").TypedKind);

        Assert.StartsWith("dataset.kind: unknown dataset kind 'parquet'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", true)]
    [InlineData("idx", true)]
    [InlineData("teacher", false)]
    [InlineData("gaussian-mixture", false)]
    public void IsFile_IsTrueForKindsReadFromFiles(string name, bool file) =>
        Assert.Equal(file, new DatasetSpec(name).TypedKind.IsFile());
}
