namespace CapacityGrid.Tests.Shared;

/// <summary>
/// Polls until a condition holds, or fails the test naming what did not happen: the one wait loop of the suites.
/// A <see cref="TimeoutException"/> from the condition (a grain call while storage is away, say) counts as "not yet".
/// </summary>
public static class Eventually
{
    /// <summary>The wait when a test gives none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string what = "the condition", TimeSpan? every = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var (held, value, last) = await PollAsync(read, done, limit, every);
        if (!held)
        {
            Assert.Fail($"{what} did not happen within {limit.TotalSeconds:0.#} s ({last})");
        }
        return value;
    }

    /// <summary>
    /// Reads <paramref name="read"/> until <paramref name="done"/> holds, and returns that value; <c>default</c> after
    /// <paramref name="timeout"/>, for a wait whose caller reports the failure with what it knows (a terminal's log, say).
    /// </summary>
    public static async Task<T?> ValueOrDefaultAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? every = null)
    {
        var (held, value, _) = await PollAsync(read, done, timeout, every);
        return held ? value : default;
    }

    // The one loop: the value once it holds, or false and the last value seen once the time is up.
    private static async Task<(bool Held, T Value, string Last)> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, TimeSpan? every)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        var last = "no value yet";
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value))
                {
                    return (true, value, last);
                }
                last = $"last value: {value}";
            }
            catch (TimeoutException e)
            {
                last = $"last read timed out: {e.Message}";
            }
            try
            {
                await Task.Delay(every ?? TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                return (false, default!, last);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string what = "the condition") =>
        ValueAsync(condition, holds => holds, timeout, what);

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task WaitForAsync(Func<bool> condition, TimeSpan? timeout = null, string what = "the condition") =>
        ValueAsync(() => Task.FromResult(condition()), holds => holds, timeout, what);

    /// <summary>Waits until <paramref name="read"/> gives a value that is not null, and returns it.</summary>
    public static async Task<T> NotNullAsync<T>(Func<Task<T?>> read, TimeSpan? timeout = null, string what = "the value") where T : class =>
        (await ValueAsync(read, value => value is not null, timeout, what))!;
}
