using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Measures.Pruning;
using CapacityGrid.Analysis.Measures.Weights;

namespace CapacityGrid.Client.Cli.Measure;

/// <summary>
/// What <c>capgrid measure model</c> reports on one checkpoint; its JSON keys (camelCase) are documented in docs/cli.md.
/// </summary>
/// <param name="Checkpoint">The checkpoint file, as given.</param>
/// <param name="Model">The model's shape, e.g. <c>16-8-4 relu</c>.</param>
/// <param name="Epoch">The epoch the checkpoint was taken after.</param>
/// <param name="SpecHash">The checkpoint's hash of model spec and training options.</param>
/// <param name="Metrics">The epoch's losses and accuracies.</param>
/// <param name="Weights">The weight measures of every layer and their totals.</param>
/// <param name="Data">What the probe and pruning ran on; null without <c>--data</c>.</param>
/// <param name="Probe">The layer probe of the hidden layers; null without <c>--data</c>.</param>
/// <param name="Pruning">The magnitude pruning curve; null without <c>--prune</c>.</param>
public sealed record ModelMeasures(
    string Checkpoint,
    string Model,
    int Epoch,
    string SpecHash,
    TrainingMetrics Metrics,
    WeightMeasures Weights,
    string? Data,
    ProbeReport? Probe,
    PruningReport? Pruning);
