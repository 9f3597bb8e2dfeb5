using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Grains.Experiments;

/// <summary>
/// One round of adaptive search: finds the knee (<see cref="Knee"/>, size = parameter count) over the finished
/// configurations, and proposes the configuration halfway between the knee and the next smaller width of its
/// family (<see cref="SearchFamily"/>), with every seed. Nothing when the knee is no family's member, is its
/// family's smallest width, or that step is already at most <see cref="SearchSpec.EffectiveMinStep"/>.
/// </summary>
public static class KneeRefinement
{
    /// <summary>The points the next round adds (none: refinement stops).</summary>
    /// <param name="spec">The experiment's spec.</param>
    /// <param name="points">Every point so far.</param>
    /// <param name="results">Each point's result, matched by point id; only finished points count.</param>
    public static IReadOnlyList<GridPoint> NextPoints(ExperimentSpec spec, IReadOnlyList<GridPoint> points, IReadOnlyList<PointResult> results)
    {
        var minStep = spec.Search?.EffectiveMinStep ?? SearchSpec.DefaultMinStep;
        if (Bracket(spec, points, results) is not { } bracket || bracket.Knee - bracket.Smaller <= minStep)
        {
            return [];
        }
        var hidden = bracket.Family.Hidden(bracket.Smaller + (bracket.Knee - bracket.Smaller) / 2, spec.Grid);
        var known = points.Select(p => p.PointId).ToHashSet();
        return [.. GridPlanner.Points(spec, [hidden]).Where(p => !known.Contains(p.PointId))];
    }

    /// <summary>
    /// The knee's family, its axis width, and the next smaller axis width among <paramref name="points"/>; null when
    /// nothing finished, the knee lies on no family, or it is its family's smallest width.
    /// </summary>
    public static KneeBracket? Bracket(ExperimentSpec spec, IReadOnlyList<GridPoint> points, IReadOnlyList<PointResult> results)
    {
        var byId = results.ToDictionary(r => r.PointId);
        var candidates = points
            .Where(p => byId.TryGetValue(p.PointId, out var r) && r.Status == PointStatus.Finished && r.Epochs.Count > 0 && double.IsFinite(r.Epochs[^1].TestAccuracy))
            .GroupBy(p => Key(p.HiddenWidths))
            .Select(g => Candidate(g.Key, [.. g.Select(p => byId[p.PointId])]))
            .ToList();
        if (Knee.Find(candidates) is not { } pick)
        {
            return null;
        }
        var kneeHidden = points.First(p => Key(p.HiddenWidths) == pick.Knee.Key).HiddenWidths;
        foreach (var family in SearchFamily.All(spec.Grid))
        {
            if (family.AxisWidth(kneeHidden, spec.Grid) is not { } width)
            {
                continue;
            }
            var smaller = points
                .Select(p => family.AxisWidth(p.HiddenWidths, spec.Grid))
                .Where(w => w < width)
                .Max();
            return smaller is { } s ? new KneeBracket(family, width, s, pick) : null;
        }
        return null;
    }

    private static string Key(int[] hidden) => string.Join('-', hidden);

    private static KneeCandidate Candidate(string key, PointResult[] seeds)
    {
        var accuracies = seeds.Select(r => r.Epochs[^1].TestAccuracy).ToArray();
        var mean = accuracies.Average();
        var std = accuracies.Length < 2 ? 0 : Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
        return new KneeCandidate(key, seeds[0].ParameterCount, mean, std, accuracies.Length);
    }
}

/// <summary>The knee of a round of adaptive search and the configuration below it on the same family.</summary>
/// <param name="Family">The knee's family.</param>
/// <param name="Knee">The knee's axis width.</param>
/// <param name="Smaller">The next smaller axis width trained on that family.</param>
/// <param name="Pick">The knee rule's result.</param>
public sealed record KneeBracket(SearchFamily Family, int Knee, int Smaller, KneePick Pick);
