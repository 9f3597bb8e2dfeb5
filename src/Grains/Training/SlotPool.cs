using System.Diagnostics.Metrics;
using CapacityGrid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// A silo's training slots. A training waits here for a slot and never fails for want of one; waiting
/// experiments are served in turn (round robin), so a large experiment cannot starve a small one.
/// </summary>
public sealed class SlotPool
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<TaskCompletionSource<IDisposable>>> _waiting = [];
    private readonly LinkedList<string> _turns = [];
    private int _inUse;
    private long _granted;

    /// <summary>A pool with the configured number of slots.</summary>
    public SlotPool(IOptions<TrainingSlotOptions> options)
    {
        Capacity = options.Value.Slots;
        GridTelemetry.Meter.CreateObservableGauge("capgrid.slots.in_use", () => InUse, description: "Training slots in use on this silo");
        GridTelemetry.Meter.CreateObservableGauge("capgrid.slots.waiting", () => Waiting, description: "Trainings waiting for a slot on this silo");
    }

    /// <summary>Slots of this silo.</summary>
    public int Capacity { get; }

    /// <summary>Slots taken now.</summary>
    public int InUse
    {
        get { lock (_gate) { return _inUse; } }
    }

    /// <summary>The most slots ever taken at once.</summary>
    public int PeakInUse { get; private set; }

    /// <summary>Slots granted so far (each lease counts once; a stack of points takes one).</summary>
    public long Granted
    {
        get { lock (_gate) { return _granted; } }
    }

    /// <summary>Trainings waiting for a slot.</summary>
    public int Waiting
    {
        get { lock (_gate) { return _waiting.Values.Sum(q => q.Count(w => !w.Task.IsCompleted)); } }
    }

    /// <summary>Waits for a slot for a training of <paramref name="experimentId"/>; dispose the lease to free it.</summary>
    public Task<IDisposable> AcquireAsync(string experimentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inUse < Capacity && _turns.Count == 0)
            {
                return Task.FromResult(Take());
            }
            var waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_waiting.TryGetValue(experimentId, out var queue))
            {
                _waiting[experimentId] = queue = new Queue<TaskCompletionSource<IDisposable>>();
                _turns.AddLast(experimentId);
            }
            queue.Enqueue(waiter);
            cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            return waiter.Task;
        }
    }

    private IDisposable Take()
    {
        _inUse++;
        _granted++;
        PeakInUse = Math.Max(PeakInUse, _inUse);
        return new Lease(this);
    }

    private void Release()
    {
        lock (_gate)
        {
            _inUse--;
            // Hand the slot to the experiment whose turn it is, then send that experiment to the back.
            while (_turns.First is { } turn)
            {
                _turns.RemoveFirst();
                var queue = _waiting[turn.Value];
                TaskCompletionSource<IDisposable>? next = null;
                while (next is null && queue.TryDequeue(out var candidate))
                {
                    next = candidate.Task.IsCompleted ? null : candidate;
                }
                if (queue.Count > 0)
                {
                    _turns.AddLast(turn.Value);
                }
                else
                {
                    _waiting.Remove(turn.Value);
                }
                if (next is not null)
                {
                    _inUse++;
                    if (next.TrySetResult(new Lease(this)))
                    {
                        _granted++;
                        PeakInUse = Math.Max(PeakInUse, _inUse);
                        return;
                    }
                    // Cancelled in the meantime: the slot stays free for the next in turn.
                    _inUse--;
                }
            }
        }
    }

    private sealed class Lease(SlotPool pool) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pool.Release();
            }
        }
    }
}
