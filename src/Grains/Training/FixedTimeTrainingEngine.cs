using System.Buffers.Binary;
using System.Diagnostics;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Training.Checkpointing;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// A trivial trainer, for measuring what the grid itself costs (bench <c>bookkeeping</c> and <c>load</c>, the
/// fairness test): each epoch of a point takes a fixed time (sleeping, or spinning on the CPU when
/// <paramref name="spin"/>) and computes nothing; it reports the epoch with a checkpoint of 8 bytes (the epoch
/// number), which goes through the grid's real checkpoint store like any other, and resumes after the
/// checkpointed epoch. Every point finishes with 0 parameters and no measures.
/// </summary>
/// <param name="epochTime">How long each epoch takes.</param>
/// <param name="spin">Busy-wait instead of sleeping.</param>
public sealed class FixedTimeTrainingEngine(TimeSpan epochTime, bool spin = false) : ITrainingEngine
{
    private long _trainingTicks;
    private int _runs;
    private int _epochs;

    /// <summary>Time the epochs took (the waits alone, not the hand-over of reports), summed over all runs: what an ideal scheduler packs into the slots.</summary>
    public TimeSpan TrainingTime => TimeSpan.FromTicks(Interlocked.Read(ref _trainingTicks));

    /// <summary>Runs trained to their end.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Epochs trained, counting any redone after an interruption.</summary>
    public int Epochs => Volatile.Read(ref _epochs);

    /// <inheritdoc />
    public PointCompletion Train(TrainRequest request, DataSplit data, ResumePoint? resume, Action<EpochReport> onEpoch, CancellationToken cancellationToken)
    {
        var first = resume is null ? 1 : BinaryPrimitives.ReadInt64LittleEndian(resume.Checkpoint) + 1;
        for (var epoch = first; epoch <= request.Training.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                Wait(cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref _trainingTicks, watch.Elapsed.Ticks);
            }
            var checkpoint = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(checkpoint, epoch);
            Interlocked.Increment(ref _epochs);
            onEpoch(new EpochReport((int)epoch, 0, 1, 0, 1, watch.Elapsed, checkpoint, Phases: new EpochPhases(watch.Elapsed, TimeSpan.Zero, TimeSpan.Zero)));
        }
        Interlocked.Increment(ref _runs);
        return new PointCompletion(PointStatus.Finished, 0, null, null);
    }

    private void Wait(CancellationToken cancellationToken)
    {
        if (!spin)
        {
            cancellationToken.WaitHandle.WaitOne(epochTime);
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < epochTime)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.SpinWait(64);
        }
    }
}
