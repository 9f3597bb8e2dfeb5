namespace CapacityGrid.Analysis.Training;

/// <summary>How to train one model. The seed decides initial weights and batch order.</summary>
public sealed record TrainOptions(
    int Epochs,
    string Optimizer = "adam",
    double LearningRate = 1e-3,
    int BatchSize = 64,
    double Momentum = 0.9,
    double WeightDecay = 0,
    int Seed = 1);
