namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// Which update rule trains a model. Specs, checkpoints and run hashes name it as a word (<see cref="OptimizerKinds.Name"/>);
/// code switches on the kind.
/// </summary>
public enum OptimizerKind
{
    /// <summary><c>adam</c>: Adam, weight decay added to the gradient, as PyTorch's <c>optim.Adam</c>.</summary>
    Adam,

    /// <summary><c>sgd</c>: SGD, with momentum when it is positive, as PyTorch's <c>optim.SGD</c>.</summary>
    Sgd,
}
