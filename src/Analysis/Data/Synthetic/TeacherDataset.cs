namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// Synthetic data with known structure: inputs from N(0, I_d), labelled by the argmax of a fixed random
/// teacher MLP (ReLU hidden layers of the given widths). A narrow teacher layer plants a bottleneck of known
/// width; label noise replaces a fraction of labels with uniform random classes. Deterministic by seed.
/// </summary>
public sealed record TeacherDataset(int InputDim, int[] Hidden, int Classes, int Samples, double LabelNoise, int Seed)
{
    /// <summary>Generates the samples.</summary>
    public TabularData Generate()
    {
        var random = new Random(Seed);
        var widths = Hidden.Append(Classes).ToArray();
        var layers = new List<(double[] W, int Out, int In)>();
        var fanIn = InputDim;
        foreach (var w in widths)
        {
            // He-style scale keeps activations of a deep random teacher from vanishing.
            var scale = Math.Sqrt(2.0 / fanIn);
            var weights = new double[w * fanIn];
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = Gaussian(random) * scale;
            }
            layers.Add((weights, w, fanIn));
            fanIn = w;
        }

        var features = new float[(long)Samples * InputDim];
        var labels = new int[Samples];
        var x = new double[InputDim];
        for (var s = 0; s < Samples; s++)
        {
            for (var j = 0; j < InputDim; j++)
            {
                x[j] = Gaussian(random);
                features[(long)s * InputDim + j] = (float)x[j];
            }
            var label = Teach(layers, x);
            if (LabelNoise > 0 && random.NextDouble() < LabelNoise)
            {
                label = random.Next(Classes);
            }
            labels[s] = label;
        }
        return new TabularData(features, Samples, InputDim, labels, Classes).Validated();
    }

    private static int Teach(List<(double[] W, int Out, int In)> layers, double[] input)
    {
        var a = input;
        for (var l = 0; l < layers.Count; l++)
        {
            var (w, outputs, inputs) = layers[l];
            var next = new double[outputs];
            for (var o = 0; o < outputs; o++)
            {
                var sum = 0.0;
                for (var i = 0; i < inputs; i++)
                {
                    sum += w[o * inputs + i] * a[i];
                }
                next[o] = l < layers.Count - 1 ? Math.Max(0, sum) : sum;
            }
            a = next;
        }
        var best = 0;
        for (var k = 1; k < a.Length; k++)
        {
            if (a[k] > a[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>A standard normal draw (Box-Muller), stable across .NET versions for a seeded <see cref="Random"/>.</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
