using System.Runtime.Serialization;
using System.Text.Json.Serialization;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// What a user asks for: a dataset, a grid of shapes and seeds, and how to train each point.
/// Read from a JSON spec file by <see cref="SpecParser"/>. <c>Measures</c> is left out of the JSON when absent and
/// never enters point ids: it changes what is measured, not what is trained. <c>Search</c> (absent: the full grid)
/// picks which configurations train; it never enters point ids either.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.experiment-spec")]
public sealed record ExperimentSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] DatasetSpec Dataset,
    [property: Id(2)] GridSpec Grid,
    [property: Id(3)] TrainingSpec Training,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MeasuresSpec? Measures = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchSpec? Search = null);

/// <summary>
/// Where the data comes from. <c>Kind</c> is <c>teacher</c> (synthetic, labelled by a random teacher MLP
/// whose hidden widths are <c>TeacherHidden</c>), <c>random-labels</c> (N(0, I) inputs with uniform labels),
/// <c>gaussian-mixture</c> (one unit Gaussian per class, means <c>Separation</c> apart), <c>csv</c> (the
/// file <c>Path</c>, label column <c>Label</c>, header mode <c>Header</c>) or <c>idx</c> (MNIST-format
/// files in the folder <c>Path</c>). <c>ValidationFraction</c> of the samples (of the training files, for
/// idx) form the validation part. <c>Binding</c> (teacher only) draws an orthogonal, class-balanced teacher whose
/// planted (narrowest) layer is checked to bind at generation time; left out of the JSON when absent, so older
/// specs keep their keys.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.dataset-spec")]
public sealed record DatasetSpec(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Path = null,
    [property: Id(2)] int InputDim = 20,
    [property: Id(3)] int[]? TeacherHidden = null,
    [property: Id(4)] int Classes = 4,
    [property: Id(5)] int Samples = 4000,
    [property: Id(6)] double LabelNoise = 0,
    [property: Id(7)] int Seed = 1,
    [property: Id(8)] double TestFraction = 0.2,
    [property: Id(9)] int? MaxTrainSamples = null,
    [property: Id(10)] double ValidationFraction = 0.1,
    [property: Id(11), JsonConverter(typeof(LabelColumnConverter))] string? Label = null,
    [property: Id(12)] string Header = "auto",
    [property: Id(13)] double Separation = 3,
    [property: Id(14), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Binding = null)
{
    // [IgnoreDataMember] keeps each typed view out of stored grain state (Orleans' grain storage serializer, Newtonsoft,
    // writes every public property otherwise: "TypedKind":3 beside "Kind":"csv"); [JsonIgnore] keeps it out of spec JSON.

    /// <summary><see cref="Kind"/> typed; only for a spec <see cref="SpecValidator"/> accepted.</summary>
    /// <exception cref="SpecException">The kind names no <see cref="DatasetKind"/> (as the validator says).</exception>
    [JsonIgnore, IgnoreDataMember]
    public DatasetKind TypedKind => DatasetKinds.TryParse(Kind, out var kind)
        ? kind
        : throw new SpecException("dataset.kind", DatasetKinds.Unknown(Kind));
}

/// <summary>
/// The sweep: every width x depth x shape, plus every explicit <c>Layers</c> shape, each with every seed.
/// Shapes: <c>uniform</c> (every hidden layer of the width; the default), <c>funnel</c> (the width halving
/// layer by layer), <c>expanding</c> (the funnel reversed), <c>hourglass</c> (uniform but for one layer,
/// <c>BottleneckLayer</c> (1-based; default the middle), whose width sweeps <c>BottleneckWidths</c>).
/// With <c>Cnn</c> the grid sweeps CNNs instead: those shapes become the fully connected head after each conv stack.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.grid-spec")]
public sealed record GridSpec(
    [property: Id(0)] int[] Widths,
    [property: Id(1)] int[] Depths,
    [property: Id(2)] int[] Seeds,
    [property: Id(3)] string Activation = "relu",
    [property: Id(4)] string[]? Shapes = null,
    [property: Id(5)] int[]? BottleneckWidths = null,
    [property: Id(6)] int? BottleneckLayer = null,
    [property: Id(7)] int[][]? Layers = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CnnGridSpec? Cnn = null)
{
    /// <summary><see cref="Activation"/> typed; only for a spec <see cref="SpecValidator"/> accepted.</summary>
    /// <exception cref="SpecException">The activation names no <see cref="ActivationKind"/> (as the validator says).</exception>
    [JsonIgnore, IgnoreDataMember]
    public ActivationKind TypedActivation => ActivationKinds.TryParse(Activation, out var kind)
        ? kind
        : throw new SpecException("grid.activation", ActivationKinds.Unknown(Activation));
}

/// <summary>
/// How each grid point trains. <c>EarlyStopping</c> is off when absent. <c>Device</c> is <c>auto</c> when absent
/// (CUDA where the silo's TorchSharp sees a GPU, else the CPU), or <c>cpu</c> or <c>cuda</c>. <c>CheckpointEvery</c>
/// k writes a point's checkpoint every k-th epoch and at its last (absent: every epoch); a run that stops resumes from
/// the last one written. All three are left out of the JSON when absent, so point ids of specs without them stay as they were.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.training-spec")]
public sealed record TrainingSpec(
    [property: Id(0)] int Epochs,
    [property: Id(1)] string Optimizer = "adam",
    [property: Id(2)] double LearningRate = 1e-3,
    [property: Id(3)] int BatchSize = 64,
    [property: Id(4)] double Momentum = 0.9,
    [property: Id(5)] double WeightDecay = 0,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EarlyStoppingSpec? EarlyStopping = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Device = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CheckpointEvery = null)
{
    // The typed views throw the validator's SpecException, so a spec that skipped validation fails as a spec problem:
    // a trainer marks such a point failed at once (TrainingFailure.IsPermanent) instead of retrying it.

    /// <summary><see cref="Optimizer"/> typed; only for a spec <see cref="SpecValidator"/> accepted.</summary>
    /// <exception cref="SpecException">The optimizer names no <see cref="OptimizerKind"/> (as the validator says).</exception>
    [JsonIgnore, IgnoreDataMember]
    public OptimizerKind TypedOptimizer => OptimizerKinds.TryParse(Optimizer, out var kind)
        ? kind
        : throw new SpecException("training.optimizer", OptimizerKinds.Unknown(Optimizer));

    /// <summary><see cref="Device"/> typed, <see cref="DeviceKind.Auto"/> when absent; only for a spec <see cref="SpecValidator"/> accepted.</summary>
    /// <exception cref="SpecException">The device names no <see cref="DeviceKind"/> (as the validator says).</exception>
    [JsonIgnore, IgnoreDataMember]
    public DeviceKind TypedDevice => Device is null
        ? DeviceKind.Auto
        : DeviceKinds.TryParse(Device, out var kind)
            ? kind
            : throw new SpecException("training.device", DeviceKinds.Unknown(Device));
}

/// <summary>
/// Stop a point when its validation loss has not improved by more than <c>MinDelta</c> nats for <c>Patience</c>
/// epochs in a row. The validation part is held out from the training part.
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.early-stopping-spec")]
public sealed record EarlyStoppingSpec(
    [property: Id(0)] int Patience,
    [property: Id(1)] double MinDelta = 0);
