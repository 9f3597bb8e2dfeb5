namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// Inputs from N(0, I_d) with labels drawn uniformly and independently of them: nothing to generalise, only
/// to memorise. The labels carry exactly <see cref="LabelInformationBits"/> of information, the amount a
/// network must store to fit the training set. Deterministic by seed.
/// </summary>
public sealed record RandomLabelsDataset(int InputDim, int Classes, int Samples, int Seed)
{
    /// <summary>n log2 K: the entropy of n independent uniform labels over K classes.</summary>
    public double LabelInformationBits => Samples * Math.Log2(Classes);

    /// <summary>The information in <paramref name="samples"/> such labels (for a training part of a split, say).</summary>
    public double LabelInformationBitsFor(int samples) => samples * Math.Log2(Classes);

    /// <summary>Generates the samples.</summary>
    public TabularData Generate()
    {
        var random = new Random(Seed);
        var features = new float[(long)Samples * InputDim];
        var labels = new int[Samples];
        for (var s = 0; s < Samples; s++)
        {
            for (var j = 0; j < InputDim; j++)
            {
                features[(long)s * InputDim + j] = (float)TeacherDataset.Gaussian(random);
            }
            labels[s] = random.Next(Classes);
        }
        return new TabularData(features, Samples, InputDim, labels, Classes).Validated();
    }
}
