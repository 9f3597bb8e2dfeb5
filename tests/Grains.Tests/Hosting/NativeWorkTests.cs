using CapacityGrid.Grains.Hosting;

namespace CapacityGrid.Grains.Tests.Hosting;

/// <summary>The silo's stop waits for its torch work, which a process exit would otherwise crash.</summary>
public sealed class NativeWorkTests
{
    [Fact]
    public async Task Stop_CancelsStoppingAndReturnsOnlyOnceTrackedWorkHasEnded()
    {
        var work = new NativeWork();
        var release = new TaskCompletionSource();
        var tracked = work.Track(Task.Run(async () =>
        {
            await Task.Delay(Timeout.Infinite, work.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            await release.Task;
        }, TestContext.Current.CancellationToken));

        var stop = work.StopAsync(TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.True(work.Stopping.IsCancellationRequested);
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop;
        Assert.True(tracked.IsCompleted);
        Assert.Equal(0, work.Running);
    }

    [Fact]
    public async Task Stop_GivesUpWhenItsTokenIsCancelled_AndIgnoresFailedWork()
    {
        var work = new NativeWork();
        _ = work.Track(Task.FromException(new InvalidOperationException("reported by its owner")));
        _ = work.Track(new TaskCompletionSource().Task);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await work.StopAsync(giveUp.Token);

        Assert.Equal(1, work.Running);
    }
}
