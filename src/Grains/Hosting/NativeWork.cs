using System.Collections.Concurrent;

namespace CapacityGrid.Grains.Hosting;

/// <summary>
/// The silo's torch work off the Orleans scheduler: training runs and dataset measures. libtorch tears its static
/// state down when the process exits, so a thread still inside a torch call then crashes the process (SIGSEGV,
/// exit code 139) after everything else went well. <see cref="NativeWorkShutdown"/> cancels <see cref="Stopping"/>
/// when the silo stops, after its grains were deactivated (which cancels their runs), and waits for what is tracked here.
/// </summary>
public sealed class NativeWork
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Cancelled when the silo stops: work that has no cancellation of its own (dataset measures) stops on it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>How many tracked tasks have not ended.</summary>
    public int Running => _running.Count;

    /// <summary>Tracks <paramref name="work"/> until it ends, and returns it.</summary>
    public T Track<T>(T work) where T : Task
    {
        _running[work] = 0;
        work.ContinueWith(ended => _running.TryRemove(ended, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work;
    }

    /// <summary>Cancels <see cref="Stopping"/> and waits until every tracked task has ended, or <paramref name="cancellationToken"/> gives up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var all = Task.WhenAll(_running.Keys);
        await Task.WhenAny(all, Task.Delay(Timeout.Infinite, cancellationToken));
        // How the work ended was reported by its owners; here only that it did matters.
        _ = all.Exception;
    }
}
