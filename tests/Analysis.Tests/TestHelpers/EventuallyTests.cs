using Xunit.Sdk;

namespace CapacityGrid.Analysis.Tests.TestHelpers;

public sealed class EventuallyTests
{
    [Fact]
    public async Task ValueAsync_OfAValueThatArrives_ReturnsTheFirstValueThatIsDone()
    {
        var reads = 0;

        var value = await Eventually.ValueAsync(() => Task.FromResult(++reads), n => n >= 3, TimeSpan.FromSeconds(10), every: TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, value);
    }

    [Fact]
    public async Task ValueAsync_ThatNeverHolds_FailsNamingWhatDidNotHappenAndTheLastValue()
    {
        var error = await Assert.ThrowsAsync<FailException>(() =>
            Eventually.ValueAsync(() => Task.FromResult(7), n => n > 7, TimeSpan.FromMilliseconds(200), "the count above 7"));

        Assert.Equal("the count above 7 did not happen within 0.2 s (last value: 7)", error.Message);
    }

    [Fact]
    public async Task WaitForAsync_ReadsThatTimeOut_CountAsNotYet()
    {
        var reads = 0;

        await Eventually.WaitForAsync(() => ++reads < 3 ? throw new TimeoutException("storage away") : Task.FromResult(true), TimeSpan.FromSeconds(10));

        Assert.Equal(3, reads);
    }
}
