using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;

namespace CapacityGrid.Grains.Tests.Sizing;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("4096", 4096L)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5 GiB", 3L << 29)]
    [InlineData("8GB", 8_000_000_000L)]
    [InlineData("2kib", 2048L)]
    public void Parse_ASizeWithOrWithoutUnit_GivesItsBytes(string text, long bytes)
    {
        Assert.Equal(bytes, ByteSize.Parse(text).Bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("4 parsecs")]
    [InlineData("0")]
    [InlineData("-1GiB")]
    public void Parse_NotAPositiveSize_ThrowsNamingTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => ByteSize.Parse(text));

        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void TrainingSlotOptions_BoundFromConfiguration_TakeTheSlotMemoryAndRate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Training:SlotMemory"] = "3GiB",
            ["Training:MultiplyAddsPerSecond"] = "2e9",
            ["Training:Slots"] = "4",
        }).Build();

        var options = configuration.GetSection(TrainingSlotOptions.Section).Get<TrainingSlotOptions>()!;

        Assert.Equal(3L << 30, options.SlotMemoryLimit().Bytes);
        Assert.Equal(2e9, options.MultiplyAddsPerSecond);
        Assert.Equal("Training:SlotMemory", options.SlotMemorySource());
    }

    [Fact]
    public void SlotMemoryLimit_Unset_SharesTheProcesssMemoryAmongTheSlots()
    {
        var options = new TrainingSlotOptions { Slots = 4 };

        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, options.SlotMemoryLimit().Bytes);
        Assert.Contains("over 4 slots", options.SlotMemorySource());
    }
}
