using System.Text.RegularExpressions;

namespace CapacityGrid.Grains.Abstractions.Experiments;

/// <summary>
/// Experiment ids become blob container names (<c>cg-{id}</c>), so they are limited to lowercase letters,
/// digits and single hyphens, 56 characters at most.
/// </summary>
public static partial class ExperimentIds
{
    /// <summary>True when <paramref name="id"/> is a safe experiment id.</summary>
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^(?=.{1,56}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
