using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Training;

/// <summary>Tells a training failure that another attempt cannot change from a fault that can pass.</summary>
public static class TrainingFailure
{
    /// <summary>
    /// True for failures decided by the request and its data alone: an invalid spec or model (an
    /// <see cref="ArgumentException"/> or <see cref="SpecException"/>), a data file that does not parse, a checkpoint
    /// made for another model. False for everything else (storage, a dead silo, out of memory on a busy silo,
    /// a file not there yet), which a retry may get past.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions: [var single] } => IsPermanent(single),
        ArgumentException or SpecException or DataFormatException or CheckpointMismatchException => true,
        _ => false,
    };

    /// <summary>The exception's type and message on one line.</summary>
    public static string OneLine(Exception exception) => $"{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}";
}
