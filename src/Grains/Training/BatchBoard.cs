using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// A silo's points that wait for a slot and could be trained in a stack with others: a run that gets a slot
/// takes waiting points of its batch key from here and trains them with itself. A point is either taken
/// (<see cref="BatchCandidate.Seat"/> completes) or withdrawn by its own run once that gets a slot, never both.
/// </summary>
public sealed class BatchBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<BatchCandidate>> _waiting = [];

    /// <summary>Posts a waiting point of <paramref name="key"/> whose run stops on <paramref name="cancellationToken"/>.</summary>
    public BatchCandidate Post(string key, TrainRequest request, CancellationToken cancellationToken)
    {
        var candidate = new BatchCandidate(key, request, cancellationToken);
        lock (_gate)
        {
            if (!_waiting.TryGetValue(key, out var list))
            {
                _waiting[key] = list = [];
            }
            list.Add(candidate);
        }
        return candidate;
    }

    /// <summary>Takes <paramref name="candidate"/> off the board; false when another run took it first.</summary>
    public bool Withdraw(BatchCandidate candidate)
    {
        lock (_gate)
        {
            return Remove(candidate);
        }
    }

    /// <summary>Takes up to <paramref name="max"/> waiting points of <paramref name="key"/>, oldest first, and seats them.</summary>
    /// <remarks>The taking run is counted in each seat's <see cref="BatchSeat.BatchedWith"/>.</remarks>
    public IReadOnlyList<(BatchCandidate Candidate, BatchSeat Seat)> Take(string key, int max)
    {
        var candidates = new List<BatchCandidate>();
        lock (_gate)
        {
            while (candidates.Count < max && _waiting.TryGetValue(key, out var list) && list.Count > 0)
            {
                var candidate = list[0];
                Remove(candidate);
                candidates.Add(candidate);
            }
        }
        var taken = candidates.Select(c => (c, new BatchSeat(candidates.Count + 1))).ToArray();
        // Completed outside the lock: the waiting runs continue on the thread pool.
        foreach (var (candidate, seat) in taken)
        {
            candidate.Taken.TrySetResult(seat);
        }
        return taken;
    }

    /// <summary>Points waiting on the board.</summary>
    public int Waiting
    {
        get { lock (_gate) { return _waiting.Values.Sum(l => l.Count); } }
    }

    private bool Remove(BatchCandidate candidate)
    {
        if (!_waiting.TryGetValue(candidate.Key, out var list) || !list.Remove(candidate))
        {
            return false;
        }
        if (list.Count == 0)
        {
            _waiting.Remove(candidate.Key);
        }
        return true;
    }
}
