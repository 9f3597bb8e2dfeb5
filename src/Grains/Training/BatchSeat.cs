using System.Threading.Channels;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>A point's place in another run's stack: its epochs arrive here, then how it ended.</summary>
public sealed class BatchSeat(int batchedWith)
{
    /// <summary>Points in the stack.</summary>
    public int BatchedWith { get; } = batchedWith;

    /// <summary>The point's epochs, each with its checkpoint; completed when the stack ends.</summary>
    public Channel<EpochReport> Reports { get; } = Channel.CreateBounded<EpochReport>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

    /// <summary>How the point ended.</summary>
    public TaskCompletionSource<PointCompletion> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
