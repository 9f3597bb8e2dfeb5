using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>A point waiting on the <see cref="BatchBoard"/>.</summary>
public sealed class BatchCandidate(string key, TrainRequest request, CancellationToken cancellationToken)
{
    /// <summary>Cancelled when the point's own run is: the stack then drops its epochs.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Its batch key.</summary>
    public string Key { get; } = key;

    /// <summary>What to train.</summary>
    public TrainRequest Request { get; } = request;

    /// <summary>Completes when another run takes the point into its stack.</summary>
    public TaskCompletionSource<BatchSeat> Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
