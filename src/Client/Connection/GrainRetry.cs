namespace CapacityGrid.Client.Connection;

/// <summary>
/// Retries a grain call while the cluster recovers from a lost silo: until membership declares the silo dead,
/// calls to grains it hosted fail; afterwards they are re-activated elsewhere.
/// </summary>
public static class GrainRetry
{
    /// <summary>How long the CLI waits for a recovering cluster before giving up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // Set for a command served by another process's embedded silo: says why waiting is pointless (that process
    // ended, and no one brings its silo back), or null while it runs.
    private static readonly AsyncLocal<Func<string?>?> Hopeless = new();

    /// <summary>
    /// For the calls made in this async flow: stop retrying, with a <see cref="ClusterUnavailableException"/> of
    /// <paramref name="reason"/>'s text, as soon as it returns one.
    /// </summary>
    public static void GiveUpWhen(Func<string?> reason) => Hopeless.Value = reason;

    /// <summary>Calls <paramref name="call"/>, retrying with backoff on transient cluster errors (one warning printed).</summary>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, TextWriter error, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        var delay = TimeSpan.FromMilliseconds(250);
        var warned = false;
        while (true)
        {
            try
            {
                return await WhileHopefulAsync(call(), cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && Hopeless.Value?.Invoke() is { } reason)
            {
                throw new ClusterUnavailableException(reason, e);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow < deadline)
            {
                if (!warned)
                {
                    await error.WriteLineAsync($"capgrid: warning: the cluster does not answer ({e.GetType().Name}); retrying while it recovers");
                    warned = true;
                }
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    // A call in flight when the serving process ends gets no answer until the response timeout (30 s): with a reason
    // to give up set, it is abandoned as soon as that reason appears, as a transient error of its own.
    private static async Task<T> WhileHopefulAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        if (Hopeless.Value is not { } reason)
        {
            return await call;
        }
        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, Task.Delay(HopeCheckInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!call.IsCompleted && reason() is not null)
            {
                _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe its late failure
                throw new SiloUnavailableException("the process serving this command has ended");
            }
        }
        return await call;
    }

    private static readonly TimeSpan HopeCheckInterval = TimeSpan.FromMilliseconds(500);

    private static bool IsTransient(Exception e) =>
        e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException;
}
