namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// Synthetic data with known structure: inputs from N(0, I_d), labelled by the argmax of a fixed random
/// teacher MLP (ReLU hidden layers of the given widths). A narrow teacher layer plants a bottleneck of known
/// width; label noise replaces a fraction of labels with uniform random classes. Deterministic by seed.
/// </summary>
/// <remarks>
/// A random Gaussian teacher's planted layer need not bind (its labels may depend on fewer directions than the
/// layer has). With <paramref name="Binding"/> the teacher has orthogonal weights and output biases that balance
/// its classes, and is redrawn (up to <see cref="MaxDraws"/> times, deterministically) until its planted layer
/// binds (<see cref="TeacherBinding"/>); no draw binding throws. A planted layer wider than
/// <see cref="TeacherBinding.MaxMeasuredWidth"/> is not checked.
/// </remarks>
public sealed record TeacherDataset(int InputDim, int[] Hidden, int Classes, int Samples, double LabelNoise, int Seed, bool Binding = false)
{
    /// <summary>Teachers drawn at most before a binding teacher gives up.</summary>
    public const int MaxDraws = 16;

    /// <summary>Calibration inputs for balancing and the binding check.</summary>
    public const int CalibrationSamples = 2000;

    /// <summary>Generates the samples.</summary>
    /// <exception cref="InvalidOperationException">With <see cref="Binding"/>: no draw's planted layer binds.</exception>
    public TabularData Generate() => GenerateChecked(check: false).Data;

    /// <summary>Generates the samples and measures whether the teacher's planted layer binds (null when not measured).</summary>
    /// <exception cref="InvalidOperationException">With <see cref="Binding"/>: no draw's planted layer binds.</exception>
    public (TabularData Data, TeacherBinding? Binding) GenerateChecked() => GenerateChecked(check: true);

    /// <summary>The description of a teacher dataset, with its planted layer's binding when measured.</summary>
    public string Describe(TeacherBinding? binding) =>
        $"teacher {InputDim}-{string.Join('-', Hidden)}-{Classes}{(Binding ? " (orthogonal, balanced)" : "")}, {Samples} samples, noise {LabelNoise}" +
        (binding is null ? "" : $", {binding.Describe()}");

    private (TabularData Data, TeacherBinding? Binding) GenerateChecked(bool check)
    {
        var random = new Random(Seed);
        var (teacher, binding) = Binding ? DrawBinding(random) : Draw(random, check);

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
            var label = TeacherNetwork.ArgMax(teacher.Forward(x));
            if (LabelNoise > 0 && random.NextDouble() < LabelNoise)
            {
                label = random.Next(Classes);
            }
            labels[s] = label;
        }
        return (new TabularData(features, Samples, InputDim, labels, Classes).Validated(), binding);
    }

    // The original Gaussian teacher: the random stream is consumed exactly as before, so old seeds keep their data.
    private (TeacherNetwork, TeacherBinding?) Draw(Random random, bool check)
    {
        var teacher = TeacherNetwork.Draw(random, InputDim, Hidden, Classes, orthogonal: false);
        return (teacher, check ? TeacherBindingCheck.Measure(teacher, Calibration()) : null);
    }

    private (TeacherNetwork, TeacherBinding?) DrawBinding(Random random)
    {
        var calibration = Calibration();
        TeacherBinding? last = null;
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var teacher = TeacherNetwork.Draw(random, InputDim, Hidden, Classes, orthogonal: true);
            teacher.Balance(calibration);
            last = TeacherBindingCheck.Measure(teacher, calibration);
            if (last is null || last.Binds)
            {
                return (teacher, last);
            }
        }
        throw new InvalidOperationException(
            $"dataset.binding: no teacher {InputDim}-{string.Join('-', Hidden)}-{Classes} of {MaxDraws} draws (seed {Seed}) binds at its planted layer; the last: {last!.Describe()}");
    }

    // Calibration inputs from a stream of their own, so they do not shift the samples.
    private List<double[]> Calibration()
    {
        var random = new Random(unchecked(Seed * 7919 + 104729));
        var inputs = new List<double[]>(CalibrationSamples);
        for (var s = 0; s < CalibrationSamples; s++)
        {
            var x = new double[InputDim];
            for (var j = 0; j < InputDim; j++)
            {
                x[j] = Gaussian(random);
            }
            inputs.Add(x);
        }
        return inputs;
    }

    /// <summary>A standard normal draw (Box-Muller), stable across .NET versions for a seeded <see cref="Random"/>.</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
