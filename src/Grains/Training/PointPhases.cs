using System.Diagnostics;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>
/// Where one training run of a grid point spends its wall time, phase by phase (issue #16, item 1): time is added up
/// per phase and set on the point's span as <c>capgrid.phase.&lt;phase&gt;_s</c> (seconds). Phases of one run may
/// overlap (checkpoints are written while the training thread goes on), so they need not add up to the span.
/// </summary>
public sealed class PointPhases(TimeProvider time)
{
    /// <summary>Waiting for a training slot (or for another run to take the point into its stack).</summary>
    public const string SlotWait = "slot_wait";

    /// <summary>Getting the data set (from the silo's cache, or generating or reading it).</summary>
    public const string DataLoad = "data_load";

    /// <summary>Reading the checkpoint a resumed run starts from.</summary>
    public const string ResumeLoad = "resume_load";

    /// <summary>The training thread, from its start to its end (training steps, evaluation and layer measures).</summary>
    public const string Training = "training";

    /// <summary>Training steps (forward, backward, optimizer) within the training thread.</summary>
    public const string TrainingSteps = "training_steps";

    /// <summary>Evaluation passes over the train, test and validation parts within the training thread.</summary>
    public const string Evaluation = "evaluation";

    /// <summary>The hidden layers' per-epoch measures within the training thread.</summary>
    public const string LayerMeasures = "layer_measures";

    /// <summary>The final model's weight and layer measures within the training thread.</summary>
    public const string FinalMeasures = "final_measures";

    /// <summary>Writing the epochs' checkpoints to blob storage.</summary>
    public const string CheckpointWrite = "checkpoint_write";

    /// <summary>Reporting epochs and the completion to the trainer grain.</summary>
    public const string Report = "report";

    private readonly TimeProvider _time = time;
    private readonly Dictionary<string, TimeSpan> _totals = [];
    private readonly Lock _lock = new();

    /// <summary>The time added up so far, per phase.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Totals
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, TimeSpan>(_totals);
            }
        }
    }

    /// <summary>Starts timing <paramref name="phase"/>; disposing the result adds the time since to it.</summary>
    public Timing Measure(string phase) => new(this, phase, _time.GetTimestamp());

    /// <summary>Adds <paramref name="elapsed"/> to <paramref name="phase"/> (thread-safe: the training thread adds too).</summary>
    public void Add(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            _totals[phase] = _totals.GetValueOrDefault(phase) + elapsed;
        }
    }

    /// <summary>The time added up so far, as the record the trainer grain keeps.</summary>
    public PhaseSeconds ToSeconds()
    {
        var totals = Totals;
        double Of(string phase) => totals.GetValueOrDefault(phase).TotalSeconds;
        return new PhaseSeconds(
            Of(SlotWait), Of(DataLoad), Of(ResumeLoad), Of(Training), Of(TrainingSteps), Of(Evaluation), Of(LayerMeasures),
            Of(CheckpointWrite), Of(Report), Of(FinalMeasures));
    }

    /// <summary>Sets each phase's total on <paramref name="activity"/> as <c>capgrid.phase.&lt;phase&gt;_s</c>.</summary>
    public void Tag(Activity? activity)
    {
        foreach (var (phase, total) in Totals)
        {
            activity?.SetTag($"capgrid.phase.{phase}_s", total.TotalSeconds);
        }
    }

    /// <summary>A phase being timed.</summary>
    public readonly struct Timing(PointPhases phases, string phase, long started) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => phases.Add(phase, phases._time.GetElapsedTime(started));
    }
}
