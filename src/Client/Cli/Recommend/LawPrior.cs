using System.Globalization;
using System.Text.Json;
using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Capacity.Law;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Measures.Dataset;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Client.Output;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>
/// A fitted capacity law (<c>capgrid relate --law</c>) used as a prior: its best fit by leave-one-out error predicts the
/// knee's parameters from this dataset's estimate, and a layer the probes could only bound from below (its used
/// dimension grew with the width) is raised to the uniform width of that many parameters. Not validated on held-out
/// data sets yet (docs/sizing.md).
/// </summary>
/// <param name="Estimate">The estimate the fit uses, e.g. <c>mecMax</c>.</param>
/// <param name="Bits">This dataset's value of it.</param>
/// <param name="MeanLeaveOneOutSteps">The fit's mean leave-one-out error, in grid steps.</param>
/// <param name="PredictedParameters">The knee's parameters the law predicts.</param>
/// <param name="Width">The smallest candidate width whose uniform net at the recommended depth has at least that many.</param>
/// <param name="Raised">Layers raised to <paramref name="Width"/>.</param>
public sealed record LawPrior(string Estimate, double Bits, double MeanLeaveOneOutSteps, double PredictedParameters, int Width, string[] Raised)
{
    /// <summary>The fits of a law file, best first; a file that is no law of parameters is bad input naming <c>--law</c>.</summary>
    public static IReadOnlyList<(string Estimate, double Coefficient, double Exponent, double Steps)> Read(string path)
    {
        LawReport? report;
        try
        {
            report = JsonSerializer.Deserialize<LawReport>(File.ReadAllText(path), JsonOutput.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or IOException)
        {
            throw new SpecException("--law", $"'{path}' is not a capacity law written by relate --law ({e.Message.Split('\n')[0]})");
        }
        if (report?.Capacity is not { } capacity || report.Fits is null)
        {
            throw new SpecException("--law", $"'{path}' is not a capacity law written by relate --law (no capacity or no fits)");
        }
        if (capacity != "parameters")
        {
            throw new SpecException("--law", $"'{path}' is a law of {capacity}; recommend uses a law of parameters (relate --capacity parameters)");
        }
        // An estimate relate could not fit (too few experiments had it) is written with its reason and no law: skipped.
        var fits = report.Fits
            .Where(f => f.Coefficient is not null && f.Exponent is not null && f.MeanLeaveOneOutSteps is not null)
            .Select(f => (f.Estimate, f.Coefficient!.Value, f.Exponent!.Value, f.MeanLeaveOneOutSteps!.Value))
            .OrderBy(f => f.Item4).ToList();
        return fits.Count > 0 ? fits : throw new SpecException("--law", $"'{path}' holds no fit");
    }

    /// <summary>Measures <paramref name="raw"/>, applies the best fit with an estimate, and raises <paramref name="shape"/>'s lower-bound layers.</summary>
    public static (SizedShape Shape, LawPrior? Prior, string Note) Apply(
        IReadOnlyList<(string Estimate, double Coefficient, double Exponent, double Steps)> fits, TabularData raw, SizedShape shape, IReadOnlyList<int> widths, int inputs, int classes)
    {
        var measures = new DatasetMeasurer().Measure(raw);
        var estimates = DatasetEstimates.FromMeasures(measures);
        foreach (var (estimate, coefficient, exponent, steps) in fits)
        {
            if (estimates.FirstOrDefault(e => e.Name == estimate)?.Bits is not { } bits || !(bits > 0))
            {
                continue;
            }
            var predicted = coefficient * Math.Pow(bits, exponent);
            var depth = shape.Hidden.Length;
            var width = widths.Order().FirstOrDefault(w => new MlpSpec(inputs, [.. Enumerable.Repeat(w, depth)], classes).ParameterCount >= predicted, widths.Max());
            var raised = shape.Layers.Select((l, i) => (l, i)).Where(x => x.l.Saturated && x.l.Width < width && !shape.Removable.Contains(x.i)).ToList();
            var layers = shape.Layers.Select((l, i) => raised.Any(r => r.i == i) ? l with { Width = width } : l).ToList();
            var prior = new LawPrior(estimate, bits, steps, predicted, width, [.. raised.Select(r => r.l.Name)]);
            var change = raised.Count == 0 ? "no lower-bound layer is narrower, so nothing changes" : $"{string.Join(", ", prior.Raised)} (lower bounds) raised to it";
            var note = string.Create(CultureInfo.InvariantCulture,
                $"the law's {estimate} fit (mean leave-one-out error {steps:0.00} grid steps) predicts a knee of {predicted:#,0} parameters from {bits:#,0} bits: width {width} at depth {depth}; {change}");
            return (shape with { Layers = layers }, prior, note);
        }
        return (shape, null, "the law has no fit whose estimate this dataset's measures give; nothing changes");
    }
}
