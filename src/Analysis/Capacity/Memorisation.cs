namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// Bits per parameter at the memorisation threshold: the label information of a random-label training set
/// (n log2 K bits, nothing to generalise) over the parameters of the smallest network that fits it.
/// </summary>
public static class Memorisation
{
    /// <summary>Training accuracy at or above which a network counts as having memorised its labels.</summary>
    public const double MemorisedAt = 0.99;

    /// <summary>
    /// The smallest of <paramref name="trained"/> (by parameters) whose training accuracy reaches <see cref="MemorisedAt"/>, and
    /// <paramref name="labelBits"/> over its parameter count; null when none memorised.
    /// </summary>
    /// <param name="labelBits">The labels' information, n log2 K for n uniform random labels over K classes.</param>
    /// <param name="trained">Each network's parameter count and final training accuracy.</param>
    public static MemorisationThreshold? Threshold(double labelBits, IEnumerable<(long Parameters, double TrainAccuracy)> trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        if (!(labelBits > 0) || !double.IsFinite(labelBits))
        {
            throw new ArgumentOutOfRangeException(nameof(labelBits), labelBits, "the label information must be a positive number of bits");
        }
        var smallest = trained.Where(t => t.TrainAccuracy >= MemorisedAt).OrderBy(t => t.Parameters).Select(t => (long?)t.Parameters).FirstOrDefault();
        return smallest is { } p ? new MemorisationThreshold(p, labelBits, labelBits / p) : null;
    }
}

/// <summary>The smallest memorising network's parameters, the label bits it stored, and their ratio.</summary>
public sealed record MemorisationThreshold(long Parameters, double LabelBits, double BitsPerParameter);
