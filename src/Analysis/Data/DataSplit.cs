namespace CapacityGrid.Analysis.Data;

/// <summary>A train and a test part, normalised with statistics of the training part only.</summary>
public sealed record DataSplit(TabularData Train, TabularData Test, string Description)
{
    /// <summary>Shuffles with <paramref name="seed"/> and holds out <paramref name="testFraction"/> of the samples for testing.</summary>
    public static DataSplit Holdout(TabularData data, double testFraction, int seed, string description)
    {
        var order = Enumerable.Range(0, data.Samples).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = Math.Clamp((int)Math.Round(data.Samples * testFraction), 1, data.Samples - 1);
        return new DataSplit(Take(data, order.AsSpan(testCount)), Take(data, order.AsSpan(0, testCount)), description);
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
        return this with { Train = Apply(Train, mean, scale), Test = Apply(Test, mean, scale) };
    }

    private static TabularData Apply(TabularData data, double[] mean, double[] scale)
    {
        var d = data.FeatureCount;
        var features = new float[data.Features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            var j = i % d;
            features[i] = (float)((data.Features[i] - mean[j]) * scale[j]);
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
