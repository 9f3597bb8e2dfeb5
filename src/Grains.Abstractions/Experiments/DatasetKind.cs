namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// Where a dataset's samples come from. A spec names the kind as a word (<see cref="DatasetKinds.Name"/>), and
/// <see cref="DatasetSpec.Kind"/> keeps that word on the wire and in stored grain state; code reads it typed through
/// <see cref="DatasetSpec.TypedKind"/> once <see cref="SpecValidator"/> has accepted it.
/// </summary>
public enum DatasetKind
{
    /// <summary><c>teacher</c>: N(0, I) inputs labelled by a random ReLU teacher MLP.</summary>
    Teacher,

    /// <summary><c>random-labels</c>: N(0, I) inputs with uniform labels independent of them.</summary>
    RandomLabels,

    /// <summary><c>gaussian-mixture</c>: one unit Gaussian per class.</summary>
    GaussianMixture,

    /// <summary><c>csv</c>: a CSV file.</summary>
    Csv,

    /// <summary><c>idx</c>: a folder of MNIST-format files.</summary>
    Idx,
}
