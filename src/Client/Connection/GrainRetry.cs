namespace CapacityGrid.Client.Connection;

/// <summary>
/// Retries a grain call while the cluster recovers from a lost silo: until membership declares the silo dead,
/// calls to grains it hosted fail; afterwards they are re-activated elsewhere.
/// </summary>
public static class GrainRetry
{
    /// <summary>How long the CLI waits for a recovering cluster before giving up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

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
                return await call();
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

    private static bool IsTransient(Exception e) =>
        e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException;
}
