using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class SlotPoolTests
{
    private static SlotPool Pool(int slots) => new(Options.Create(new TrainingSlotOptions { Slots = slots }));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_BeyondTheSlots_WaitsInsteadOfFailing()
    {
        var pool = Pool(2);
        using var a = await pool.AcquireAsync("x", Cancel);
        using var b = await pool.AcquireAsync("x", Cancel);

        var third = pool.AcquireAsync("x", Cancel);

        Assert.False(third.IsCompleted);
        Assert.Equal((2, 1), (pool.InUse, pool.Waiting));
        a.Dispose();
        using var c = await third.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.Equal(2, pool.PeakInUse);
    }

    [Fact]
    public async Task Release_WithTwoExperimentsWaiting_ServesThemInTurn()
    {
        var pool = Pool(1);
        var holder = await pool.AcquireAsync("big", Cancel);
        var order = new List<string>();
        var waits = new List<Task>();
        foreach (var experiment in new[] { "big", "big", "big", "big", "small", "small" })
        {
            var wait = pool.AcquireAsync(experiment, Cancel);
            waits.Add(wait.ContinueWith(t => { lock (order) { order.Add(experiment); } t.Result.Dispose(); }, TaskScheduler.Default));
            // Each lease is released as soon as it is granted, so the next in turn follows.
        }

        holder.Dispose();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5), Cancel);

        // The small experiment is not starved behind the big one's queue.
        Assert.Equal(["big", "small", "big", "small", "big", "big"], order);
        Assert.Equal(1, pool.PeakInUse);
        Assert.Equal(0, pool.InUse);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_GivesUpItsPlaceAndLeaksNoSlot()
    {
        var pool = Pool(1);
        var holder = await pool.AcquireAsync("x", Cancel);
        using var cancel = new CancellationTokenSource();
        var waiting = pool.AcquireAsync("x", cancel.Token);
        var after = pool.AcquireAsync("y", Cancel);

        cancel.Cancel();
        holder.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        using var next = await after.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        Assert.Equal(1, pool.InUse);
    }
}
