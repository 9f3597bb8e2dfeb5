using System.Globalization;

namespace CapacityGrid.Analysis.Capacity;

/// <summary>
/// The variational lower bound I(X;Y) >= H(Y) - CE, CE the test cross-entropy (in bits) of the best trained point:
/// any classifier's cross-entropy bounds H(Y|X) from above. KSG on a few principal components can fall far below it
/// (noiseless teacher labels: I(X;Y) = H(Y) = 1.57 bits, KSG 0.18), so the knee's ratios also get the larger of the
/// two, with its source named, and a KSG value below the bound is flagged.
/// </summary>
public static class MutualInformationBound
{
    /// <summary>The estimate name of the bound.</summary>
    public const string Variational = "variationalMutualInformation";

    /// <summary>The estimate name of the larger of KSG and the bound.</summary>
    public const string Larger = "mutualInformation";

    /// <summary>
    /// The bound and the larger estimate, over <paramref name="samples"/> rows (as the other estimates are), and the
    /// flag when KSG is below the bound; nothing without the label entropy, the sample count or a finished point's test loss.
    /// </summary>
    public static (IReadOnlyList<DatasetEstimate> Added, string? Flag) Of(IReadOnlyList<DatasetEstimate> estimates, IEnumerable<CapacityPoint> finished, double? samples)
    {
        var entropy = estimates.FirstOrDefault(e => e.Name == "labelEntropy")?.Bits;
        var best = finished.Where(p => p.TestLoss is { } l && double.IsFinite(l)).MinBy(p => p.TestLoss);
        if (entropy is not { } h || samples is not (> 0) || best is null)
        {
            return ([], null);
        }
        var n = samples.Value;
        var c = CultureInfo.InvariantCulture;
        var crossEntropyBits = best.TestLoss!.Value / Math.Log(2);
        var boundPerSample = Math.Max(0, h / n - crossEntropyBits);
        var source = string.Create(c, $"H(Y) {h / n:0.000} - test cross-entropy {crossEntropyBits:0.000} bits/sample of {best.Key} s{best.Seed}");
        var bound = new DatasetEstimate(Variational, boundPerSample * n, $"variational lower bound on I(X;Y): {source}, x {n:0} samples");
        var ksg = estimates.FirstOrDefault(e => e.Name == "ksgMutualInformation")?.Bits;
        string? flag = null;
        DatasetEstimate larger;
        if (ksg is { } k && k >= bound.Bits)
        {
            larger = new DatasetEstimate(Larger, k, "KSG I(X;Y) (at least the variational lower bound)");
        }
        else
        {
            larger = new DatasetEstimate(Larger, bound.Bits, $"variational lower bound ({source}){(ksg is null ? "; KSG absent" : ", above KSG")}");
            if (ksg is { } low)
            {
                flag = string.Create(c, $"ksgMutualInformation {low / n:0.000} bits/sample is below the variational lower bound {boundPerSample:0.000} bits/sample ({source}): KSG underestimates I(X;Y) here; mutualInformation uses the bound");
            }
        }
        return ([bound, larger], flag);
    }
}
