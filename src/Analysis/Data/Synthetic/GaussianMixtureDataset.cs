namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// K Gaussian classes with identity covariance in d dimensions and equal priors. With K &lt;= d the class
/// means are K orthogonal random directions scaled so that every two means lie exactly
/// <see cref="Separation"/> apart; with K &gt; d they are random unit directions of the same length, so
/// pairs lie about that far apart. The Bayes-optimal classifier is the nearest mean
/// (<see cref="BayesClass"/>); for two classes its accuracy is Φ(separation / 2). Label noise replaces
/// that fraction of labels with uniform random classes. Deterministic by seed.
/// </summary>
public sealed record GaussianMixtureDataset(int InputDim, int Classes, int Samples, double Separation, double LabelNoise, int Seed)
{
    /// <summary>The class means: the first draws of the seed's random stream, the same every call.</summary>
    public double[][] Means() => DrawMeans(new Random(Seed));

    /// <summary>Generates the samples: a uniform class, then that class's mean plus N(0, I_d) noise.</summary>
    public TabularData Generate()
    {
        var random = new Random(Seed);
        var means = DrawMeans(random);
        var features = new float[(long)Samples * InputDim];
        var labels = new int[Samples];
        for (var s = 0; s < Samples; s++)
        {
            var y = random.Next(Classes);
            for (var j = 0; j < InputDim; j++)
            {
                features[(long)s * InputDim + j] = (float)(means[y][j] + TeacherDataset.Gaussian(random));
            }
            if (LabelNoise > 0 && random.NextDouble() < LabelNoise)
            {
                y = random.Next(Classes);
            }
            labels[s] = y;
        }
        return new TabularData(features, Samples, InputDim, labels, Classes).Validated();
    }

    /// <summary>
    /// The Bayes-optimal class of <paramref name="x"/> for a mixture with these <paramref name="means"/>
    /// (from <see cref="Means"/>), identity covariances and equal priors: the nearest mean.
    /// </summary>
    public static int BayesClass(IReadOnlyList<double[]> means, ReadOnlySpan<float> x)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var k = 0; k < means.Count; k++)
        {
            var mean = means[k];
            var distance = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                var diff = x[j] - mean[j];
                distance += diff * diff;
            }
            if (distance < bestDistance)
            {
                (best, bestDistance) = (k, distance);
            }
        }
        return best;
    }

    private double[][] DrawMeans(Random random)
    {
        // Orthonormal u_k scaled by s/√2 gives |μ_a - μ_b|² = s²/2 + s²/2 = s² for every pair.
        var length = Separation / Math.Sqrt(2);
        var means = new double[Classes][];
        for (var k = 0; k < Classes; k++)
        {
            var v = new double[InputDim];
            for (var j = 0; j < InputDim; j++)
            {
                v[j] = TeacherDataset.Gaussian(random);
            }
            if (k < InputDim)
            {
                // Gram-Schmidt against the earlier (already unit) means keeps them orthogonal.
                for (var m = 0; m < k; m++)
                {
                    var dot = 0.0;
                    for (var j = 0; j < InputDim; j++)
                    {
                        dot += v[j] * means[m][j];
                    }
                    for (var j = 0; j < InputDim; j++)
                    {
                        v[j] -= dot * means[m][j];
                    }
                }
            }
            var norm = Math.Sqrt(v.Sum(x => x * x));
            for (var j = 0; j < InputDim; j++)
            {
                v[j] /= norm;
            }
            means[k] = v;
        }
        foreach (var mean in means)
        {
            for (var j = 0; j < InputDim; j++)
            {
                mean[j] *= length;
            }
        }
        return means;
    }
}
