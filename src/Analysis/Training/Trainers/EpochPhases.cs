namespace CapacityGrid.Analysis.Training.Trainers;

/// <summary>
/// Where one epoch's time on the training thread went: the training steps (forward, backward, optimizer), the
/// evaluation passes over the train, test and validation parts (they also gather saturation), and the hidden layers'
/// other measures. A stacked run gives each member its share of the stack's steps and evaluations.
/// </summary>
public sealed record EpochPhases(TimeSpan TrainingSteps, TimeSpan Evaluation, TimeSpan LayerMeasures);
