using System.Globalization;
using System.Text;
using CapacityGrid.Client.Cli.Recommend;

namespace CapacityGrid.Client.Output;

/// <summary>Renders a <see cref="Recommendation"/> as text: the shape, the evidence per layer, the compute, the verification.</summary>
public static class RecommendationText
{
    /// <summary>The text form.</summary>
    public static string Render(Recommendation r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"dataset: {r.Dataset}, {r.TrainSamples} training samples");
        text.AppendLine(c, $"probe: {r.Probe}, {r.ProbeEpochs} epochs, test accuracy {r.ProbeTestAccuracy:0.0000}, {r.ProbeParameters:#,0} parameters");
        if (r.HalfProbe is { } half)
        {
            text.AppendLine(c, $"half-width probe: {half}, test accuracy {r.HalfProbeTestAccuracy:0.0000}");
        }
        text.AppendLine();
        text.AppendLine("layer  probe width  saturation dim  half-width dim  effective rank  TwoNN dim  CKA in-out  recommended");
        text.AppendLine("-----  -----------  --------------  --------------  --------------  ---------  ----------  -----------");
        foreach (var l in r.Layers)
        {
            var twoNN = l.TwoNNDimension is { } t ? t.ToString("0.0", c) : "-";
            var flag = l.Saturated ? "  (grew with the width: a lower bound)" : "";
            var saturationDimension = l.SaturationDimension?.ToString(c) ?? "-";
            var halfDimension = l.HalfSaturationDimension is { } h ? $"{h} of {l.HalfWidth}" : "-";
            var rank = l.EffectiveRank is { } e ? e.ToString("0.0", c) : "-";
            var cka = l.InputSimilarity is { } similarity ? similarity.ToString("0.00", c) : "-";
            text.AppendLine(c, $"{l.Name,-5}  {l.ProbeWidth,11}  {saturationDimension,14}  {halfDimension,14}  {rank,14}  {twoNN,9}  {cka,10}  {l.Width,11}{flag}");
        }
        text.AppendLine();
        foreach (var l in r.Layers)
        {
            text.AppendLine(LayerEvidence.Sentence(l));
        }
        text.AppendLine();
        if (r.BottleneckReason is { } bottleneck)
        {
            text.AppendLine(c, $"bottleneck: {bottleneck}");
        }
        if (r.LawNote is { } lawNote)
        {
            text.AppendLine(c, $"law: {lawNote}");
        }
        if (r.DepthReason is { } depth)
        {
            text.AppendLine(c, $"depth: {depth}");
        }
        text.AppendLine(c, $"recommended hidden widths: {string.Join('-', r.Hidden)} ({r.Parameters:#,0} parameters)");
        var k = r.Compute;
        var verification = k.VerifySampleEpochs > 0
            ? string.Create(c, $" + verification {k.VerifySampleEpochs:#,0} ({RecommendCommand.Number(k.VerifyMultiplyAdds)})")
            : "";
        text.AppendLine(c, $"compute: probe {k.ProbeSampleEpochs:#,0} sample-epochs ({RecommendCommand.Number(k.ProbeMultiplyAdds)} multiply-adds){verification}");
        text.AppendLine(c, $"budget: {RecommendCommand.Number(k.BudgetMultiplyAdds)} multiply-adds ({k.Budget}); probe spent {RecommendCommand.Number(k.ProbeMultiplyAdds)} on {k.ProbeRows:#,0} rows ({k.ProbeMultiplyAdds / k.BudgetMultiplyAdds * 100:0.0} % of the budget)");
        text.AppendLine(c, $"  against a full sweep of the {k.Sweep}: {k.SweepPoints} points, {k.SweepSampleEpochs:#,0} sample-epochs ({RecommendCommand.Number(k.SweepMultiplyAdds)} multiply-adds): {k.Fraction * 100:0.0} % of its multiply-adds");
        if (r.Verification is null && r.VerifyNote is { } note)
        {
            text.AppendLine();
            text.AppendLine(c, $"verification star: {note}");
        }
        if (r.Verification is { } v)
        {
            text.AppendLine();
            text.AppendLine(c, $"verification star (each layer alone x0.5 and x2; {v.Seeds} seed{(v.Seeds == 1 ? "" : "s")} each, {v.Epochs} epochs, {v.Rows:#,0} rows; {r.VerifyNote}):");
            foreach (var s in v.Shapes)
            {
                var what = s.Layer is { } layer ? $"fc{layer + 1} x{s.Scale.ToString("0.#", c)}" : "recommended";
                text.AppendLine(c, $"  {what,-11}  {string.Join('-', s.Hidden),-16} {s.Parameters,10:#,0} parameters  test acc {s.MeanTestAccuracy:0.0000} ({string.Join(", ", s.TestAccuracies.Select(a => a.ToString("0.0000", c)))})");
            }
            text.AppendLine(c, $"  knee of the star: {v.Knee}; the recommendation is {(v.Confirmed ? "on the plateau" : "off the plateau: a neighbour is better by more than the tolerance")} (tolerance {v.Tolerance * 100:0.0} pp)");
        }
        return text.ToString();
    }
}
