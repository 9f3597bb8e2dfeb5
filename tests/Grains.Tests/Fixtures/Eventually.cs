namespace CapacityGrid.Grains.Tests.Fixtures;

/// <summary>Polls a condition until it holds, or fails the test when the time runs out.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> is true; grain-call time-outs (storage away, say) count as "not yet".</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                // Ask again.
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        WaitForAsync(() => Task.FromResult(condition()), timeout);
}
