namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// The fixed MLP that labels a <see cref="TeacherDataset"/>: ReLU hidden layers without biases, a linear output
/// layer and per-class output biases (zero unless balanced). Pure doubles, no tensors: the teacher is small and
/// must label identically on every machine.
/// </summary>
internal sealed class TeacherNetwork
{
    private readonly double[][] _weights;
    private readonly int[] _widths;

    private TeacherNetwork(int inputDim, int[] widths, double[][] weights, double[] bias)
    {
        InputDim = inputDim;
        _widths = widths;
        _weights = weights;
        Bias = bias;
    }

    /// <summary>Inputs of the first layer.</summary>
    public int InputDim { get; }

    /// <summary>Layer count, the output layer included.</summary>
    public int LayerCount => _widths.Length;

    /// <summary>Outputs of layer <paramref name="layer"/> (the last one is the classes).</summary>
    public int Width(int layer) => _widths[layer];

    /// <summary>Inputs of layer <paramref name="layer"/>.</summary>
    public int FanIn(int layer) => layer == 0 ? InputDim : _widths[layer - 1];

    /// <summary>Layer <paramref name="layer"/>'s weights, row-major outputs x inputs.</summary>
    public double[] Weights(int layer) => _weights[layer];

    /// <summary>The output biases added to the logits before the argmax.</summary>
    public double[] Bias { get; }

    /// <summary>
    /// Draws the weights from <paramref name="random"/>: i.i.d. Gaussian with a He scale, or (with
    /// <paramref name="orthogonal"/>) a scaled orthogonal matrix per layer, whose units use independent directions.
    /// </summary>
    public static TeacherNetwork Draw(Random random, int inputDim, int[] hidden, int classes, bool orthogonal)
    {
        var widths = hidden.Append(classes).ToArray();
        var weights = new double[widths.Length][];
        var fanIn = inputDim;
        for (var l = 0; l < widths.Length; l++)
        {
            weights[l] = orthogonal ? Orthogonal(random, widths[l], fanIn) : Gaussian(random, widths[l], fanIn);
            fanIn = widths[l];
        }
        return new TeacherNetwork(inputDim, widths, weights, new double[classes]);
    }

    /// <summary>The activations after layer <paramref name="layer"/> (ReLU for hidden layers, logits plus bias last).</summary>
    public double[] Forward(double[] input, int fromLayer = 0, int toLayer = -1)
    {
        var last = toLayer < 0 ? _widths.Length - 1 : toLayer;
        var a = input;
        for (var l = fromLayer; l <= last; l++)
        {
            a = Apply(l, a);
        }
        return a;
    }

    /// <summary>Layer <paramref name="layer"/> applied to its input.</summary>
    public double[] Apply(int layer, double[] input)
    {
        var outputs = _widths[layer];
        var inputs = FanIn(layer);
        var w = _weights[layer];
        var next = new double[outputs];
        var isOutput = layer == _widths.Length - 1;
        for (var o = 0; o < outputs; o++)
        {
            var sum = 0.0;
            for (var i = 0; i < inputs; i++)
            {
                sum += w[o * inputs + i] * input[i];
            }
            next[o] = isOutput ? sum + Bias[o] : Math.Max(0, sum);
        }
        return next;
    }

    /// <summary>The index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>
    /// Sets the output biases so every class takes about the same share of <paramref name="inputs"/>: a few hundred
    /// multiplicative steps of b_k -= log(K x share_k), the logits computed once.
    /// </summary>
    public void Balance(IReadOnlyList<double[]> inputs)
    {
        var classes = Bias.Length;
        Array.Clear(Bias);
        var logits = inputs.Select(x => Forward(x)).ToArray();
        var counts = new int[classes];
        var shifted = new double[classes];
        for (var step = 0; step < 400; step++)
        {
            Array.Clear(counts);
            foreach (var z in logits)
            {
                for (var k = 0; k < classes; k++)
                {
                    shifted[k] = z[k] + Bias[k];
                }
                counts[ArgMax(shifted)]++;
            }
            for (var k = 0; k < classes; k++)
            {
                // Half a Newton-like step: the share of a class moves roughly with exp(bias).
                var share = Math.Max(counts[k], 0.5) / logits.Length;
                Bias[k] -= 0.5 * Math.Log(classes * share) * Scale(logits, k);
            }
        }
    }

    // The spread of class k's logit, so bias steps are in the logits' own units.
    private static double Scale(double[][] logits, int k)
    {
        var mean = logits.Average(z => z[k]);
        return Math.Sqrt(logits.Average(z => (z[k] - mean) * (z[k] - mean))) / 4 + 1e-12;
    }

    private static double[] Gaussian(Random random, int outputs, int inputs)
    {
        // He-style scale keeps activations of a deep random teacher from vanishing.
        var scale = Math.Sqrt(2.0 / inputs);
        var weights = new double[outputs * inputs];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = TeacherDataset.Gaussian(random) * scale;
        }
        return weights;
    }

    // Gram-Schmidt on Gaussian vectors along the smaller side: orthonormal rows when outputs <= inputs, else
    // orthonormal columns; times sqrt(2) so ReLU layers keep the activations' scale.
    private static double[] Orthogonal(Random random, int outputs, int inputs)
    {
        var rowsOrthogonal = outputs <= inputs;
        var count = rowsOrthogonal ? outputs : inputs;
        var length = rowsOrthogonal ? inputs : outputs;
        var vectors = new double[count][];
        for (var v = 0; v < count; v++)
        {
            var u = new double[length];
            for (var i = 0; i < length; i++)
            {
                u[i] = TeacherDataset.Gaussian(random);
            }
            for (var p = 0; p < v; p++)
            {
                var dot = 0.0;
                for (var i = 0; i < length; i++)
                {
                    dot += u[i] * vectors[p][i];
                }
                for (var i = 0; i < length; i++)
                {
                    u[i] -= dot * vectors[p][i];
                }
            }
            var norm = Math.Sqrt(u.Sum(x => x * x));
            for (var i = 0; i < length; i++)
            {
                u[i] /= norm;
            }
            vectors[v] = u;
        }
        var weights = new double[outputs * inputs];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                weights[o * inputs + i] = Math.Sqrt(2) * (rowsOrthogonal ? vectors[o][i] : vectors[i][o]);
            }
        }
        return weights;
    }
}
