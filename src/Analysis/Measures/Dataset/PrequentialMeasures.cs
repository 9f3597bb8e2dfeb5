namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// The prequential (online) code length of the labels given the inputs, under a fixed reference learner
/// (<see cref="Prequential.PrequentialCode"/>): the bits a sender needs to transmit every label to a receiver who has
/// the inputs and the same learner. Shorter than <see cref="UniformBits"/> by what the learner extracts from the
/// data, so it is an upper bound on the labels' information that a network of the learner's size can use.
/// </summary>
/// <param name="Bits">The code length in bits over every sample, or null with <see cref="Reason"/>.</param>
/// <param name="UniformBits">The uniform code n · log2 K it is measured against.</param>
/// <param name="Learner">The reference learner, e.g. "MLP 64, adam 0.001, 10 epochs, batch 64, seed 1, z-scored inputs".</param>
/// <param name="Reason">Why <see cref="Bits"/> is null (turned off, too few samples).</param>
public sealed record PrequentialMeasures(double? Bits, double UniformBits, string Learner, string? Reason);
