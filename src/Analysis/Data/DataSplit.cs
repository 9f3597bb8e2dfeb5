namespace CapacityGrid.Analysis.Data;

/// <summary>
/// A train, a validation and a test part. <see cref="Standardised"/> normalises all three with statistics
/// of the training part only. The validation part is empty when no validation share was asked for.
/// </summary>
public sealed record DataSplit(TabularData Train, TabularData Test, string Description)
{
    /// <summary>Held out from training to choose among models or epochs; never used for normalisation.</summary>
    public TabularData Validation { get; init; } = TabularData.Empty(Train.FeatureCount, Train.Classes);

    /// <summary>Shuffles with <paramref name="seed"/> and holds out <paramref name="testFraction"/> of the samples for testing (no validation part).</summary>
    public static DataSplit Holdout(TabularData data, double testFraction, int seed, string description) =>
        Holdout(data, testFraction, 0, seed, description);

    /// <summary>
    /// Shuffles with <paramref name="seed"/>, then holds out <paramref name="testFraction"/> of the samples for
    /// testing and <paramref name="validationFraction"/> for validation; the rest trains. Each share asked
    /// for gets at least one sample.
    /// </summary>
    /// <exception cref="ArgumentException">Too few samples to leave one for training.</exception>
    public static DataSplit Holdout(TabularData data, double testFraction, double validationFraction, int seed, string description)
    {
        var order = Enumerable.Range(0, data.Samples).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = Math.Clamp((int)Math.Round(data.Samples * testFraction), 1, Math.Max(1, data.Samples - 1));
        var validationCount = Share(data.Samples, validationFraction);
        if (testCount + validationCount >= data.Samples)
        {
            throw new ArgumentException($"{data.Samples} samples are too few for a test share of {testFraction} and a validation share of {validationFraction}: none would be left to train on");
        }
        return new DataSplit(
            Take(data, order.AsSpan(testCount + validationCount)),
            Take(data, order.AsSpan(0, testCount)),
            description)
        {
            Validation = Take(data, order.AsSpan(testCount, validationCount)),
        };
    }

    /// <summary>
    /// Moves a random <paramref name="fraction"/> (chosen with <paramref name="seed"/>) of the training part
    /// into the validation part, for data that comes with its own test part. The rest keeps its order.
    /// </summary>
    /// <exception cref="ArgumentException">Too few training samples to leave one.</exception>
    public DataSplit WithValidation(double fraction, int seed)
    {
        var count = Share(Train.Samples, fraction);
        if (count >= Train.Samples)
        {
            throw new ArgumentException($"{Train.Samples} training samples are too few for a validation share of {fraction}");
        }
        var order = Enumerable.Range(0, Train.Samples).ToArray();
        new Random(seed).Shuffle(order);
        var validation = order.AsSpan(0, count).ToArray();
        Array.Sort(validation);
        var rest = order.AsSpan(count).ToArray();
        Array.Sort(rest);
        return this with { Train = Take(Train, rest), Validation = Take(Train, validation) };
    }

    /// <summary>Keeps the first <paramref name="maxTrain"/> training samples, if given.</summary>
    public DataSplit LimitTrain(int? maxTrain) =>
        maxTrain is { } m && m < Train.Samples
            ? this with { Train = Take(Train, Enumerable.Range(0, m).ToArray()) }
            : this;

    /// <summary>Standardises each feature with the training part's mean and standard deviation (constant features are centred only).</summary>
    public DataSplit Standardised()
    {
        var d = Train.FeatureCount;
        var mean = new double[d];
        var sq = new double[d];
        for (var i = 0; i < Train.Samples; i++)
        {
            var row = Train.Row(i);
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
                sq[j] += (double)row[j] * row[j];
            }
        }
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] /= Train.Samples;
            var variance = Math.Max(0, sq[j] / Train.Samples - mean[j] * mean[j]);
            scale[j] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 1;
        }
        return this with
        {
            Train = Apply(Train, mean, scale),
            Validation = Apply(Validation, mean, scale),
            Test = Apply(Test, mean, scale),
        };
    }

    private static int Share(int samples, double fraction) =>
        fraction > 0 ? Math.Max(1, (int)Math.Round(samples * fraction)) : 0;

    private static TabularData Apply(TabularData data, double[] mean, double[] scale)
    {
        var d = data.FeatureCount;
        var features = new float[data.Features.Length];
        for (var row = 0; row < features.Length; row += d)
        {
            for (var j = 0; j < d; j++)
            {
                features[row + j] = (float)((data.Features[row + j] - mean[j]) * scale[j]);
            }
        }
        return data with { Features = features };
    }

    private static TabularData Take(TabularData data, ReadOnlySpan<int> rows)
    {
        var d = data.FeatureCount;
        var features = new float[rows.Length * d];
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(features.AsSpan(i * d, d));
            labels[i] = data.Labels[rows[i]];
        }
        return new TabularData(features, rows.Length, d, labels, data.Classes);
    }
}
