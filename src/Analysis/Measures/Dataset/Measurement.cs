namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// The outcome of an estimator that may have nothing to say about the data it was given: a finite
/// <see cref="Value"/>, or null and a <see cref="Reason"/>. Never NaN.
/// </summary>
public sealed record Measurement
{
    private Measurement(double? value, string? reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>The estimate, or null when there is none.</summary>
    public double? Value { get; }

    /// <summary>Why <see cref="Value"/> is null; or a note on a value that is exact rather than estimated.</summary>
    public string? Reason { get; }

    /// <summary>A finite estimate.</summary>
    public static Measurement Of(double value, string? note = null)
    {
        if (!double.IsFinite(value))
        {
            throw new InvalidOperationException($"an estimate must be finite, got {value}");
        }
        return new Measurement(value, note);
    }

    /// <summary>No estimate, and why.</summary>
    public static Measurement Unavailable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Measurement(null, reason);
    }

    /// <summary>The same outcome with the value converted, e.g. from nats to bits.</summary>
    public Measurement Select(Func<double, double> convert) =>
        Value is { } v ? Of(convert(v), Reason) : this;
}
