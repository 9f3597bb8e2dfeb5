namespace CapacityGrid.Analysis.Models;

/// <summary>
/// The nonlinearity after each hidden layer. Specs, model hashes and checkpoints name it as a word
/// (<see cref="ActivationKinds.Name"/>); models switch on the kind.
/// </summary>
public enum ActivationKind
{
    /// <summary><c>relu</c>: max(0, x), unbounded above.</summary>
    Relu,

    /// <summary><c>tanh</c>: bounded in (-1, 1).</summary>
    Tanh,
}
