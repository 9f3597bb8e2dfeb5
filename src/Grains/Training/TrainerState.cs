using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Training;

/// <summary>A grid point's persistent state: its request, status and per-epoch metrics.</summary>
[GenerateSerializer, Alias("capacitygrid.trainer-state")]
public sealed class TrainerState
{
    /// <summary>What to train; null until started.</summary>
    [Id(0)] public TrainRequest? Request { get; set; }

    /// <summary>Where the point stands.</summary>
    [Id(1)] public PointStatus Status { get; set; }

    /// <summary>Metrics of every completed (checkpointed) epoch.</summary>
    [Id(2)] public List<EpochMetrics> Epochs { get; set; } = [];

    /// <summary>Trainable parameters of the point's model.</summary>
    [Id(3)] public long ParameterCount { get; set; }

    /// <summary>Entropy of the final quantized weights, in bits.</summary>
    [Id(4)] public double? WeightEntropyBits { get; set; }

    /// <summary>The error that failed the point, if any.</summary>
    [Id(5)] public string? Error { get; set; }

    /// <summary>The final model's measures (<see cref="FinalMeasures"/>) as JSON text.</summary>
    [Id(6)] public string? MeasuresJson { get; set; }

    /// <summary>Training runs started for this point (more than one after interruptions).</summary>
    [Id(7)] public int Attempts { get; set; }

    /// <summary>Epochs trained, counting any that were redone after an interruption.</summary>
    [Id(8)] public int EpochsTrained { get; set; }

    /// <summary>Runs that ended in an error (each retried while fewer than the configured attempts).</summary>
    [Id(9)] public int Failures { get; set; }

    /// <summary>The checkpointed epoch each run that reported an epoch started from, in order (see PointHistory).</summary>
    [Id(10)] public List<int> RunStartEpochs { get; set; } = [];

    /// <summary>The attempt of the run that reported last: a report from another attempt is a new run's first.</summary>
    [Id(11)] public int ReportingAttempt { get; set; }

    /// <summary>Completion reports accepted (at most one: an ended point accepts no more).</summary>
    [Id(12)] public int Completions { get; set; }

    /// <summary>Points the completing run trained together as one stacked model (1: alone; 0: not completed).</summary>
    [Id(13)] public int BatchedWith { get; set; }

    /// <summary>Time per phase of the runs before <see cref="PhasesAttempt"/>, summed (null: none yet).</summary>
    [Id(14)] public PhaseSeconds? EarlierPhases { get; set; }

    /// <summary>Time per phase of run <see cref="PhasesAttempt"/>, as it last reported (null: none yet).</summary>
    [Id(15)] public PhaseSeconds? RunPhases { get; set; }

    /// <summary>The run <see cref="RunPhases"/> belongs to.</summary>
    [Id(16)] public int PhasesAttempt { get; set; }

    // A method, not a property, and no shared default instance: the blob storage's JSON serializer keeps object
    // references, and a computed or shared record there breaks reading the state back.
    /// <summary>Time per phase over every run of the point.</summary>
    public PhaseSeconds TotalPhases() => (EarlierPhases ?? new PhaseSeconds()) + (RunPhases ?? new PhaseSeconds());

    /// <summary>Keeps run <paramref name="attempt"/>'s phases so far; a new run's first report moves the previous run's into the sum.</summary>
    public void RecordPhases(PhaseSeconds run, int attempt)
    {
        if (attempt != PhasesAttempt)
        {
            EarlierPhases = RunPhases is null ? EarlierPhases : (EarlierPhases ?? new PhaseSeconds()) + RunPhases;
            PhasesAttempt = attempt;
        }
        RunPhases = run;
    }
}
