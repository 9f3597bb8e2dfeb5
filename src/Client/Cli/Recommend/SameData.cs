using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>Whether two dataset specs give the same samples: a sweep spec must describe the data the probe trains on.</summary>
internal static class SameData
{
    /// <summary>True when both read the same file (same label column) or generate the same synthetic samples.</summary>
    public static bool Equal(DatasetSpec a, DatasetSpec b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }
        if (a.TypedKind.IsFile())
        {
            return Path.GetFullPath(a.Path!) == Path.GetFullPath(b.Path!) && a.Label == b.Label;
        }
        return a.InputDim == b.InputDim && (a.TeacherHidden ?? []).SequenceEqual(b.TeacherHidden ?? []) && a.Classes == b.Classes
            && a.Samples == b.Samples && a.LabelNoise.Equals(b.LabelNoise) && a.Seed == b.Seed && (a.Binding ?? false) == (b.Binding ?? false)
            && (a.TypedKind != DatasetKind.GaussianMixture || a.Separation.Equals(b.Separation));
    }

    /// <summary>A short name for messages: the kind and the file or the seed.</summary>
    public static string Name(DatasetSpec d) => d.TypedKind.IsFile() ? $"{d.Kind} {d.Path}" : $"{d.Kind}, seed {d.Seed}, {d.Samples} samples";
}
