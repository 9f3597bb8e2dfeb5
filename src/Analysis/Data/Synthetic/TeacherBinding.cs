namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// Whether a teacher's planted (narrowest) hidden layer binds: the teacher cut one unit narrower there, the next
/// layer refitted by least squares to the pre-activations it had, must label noticeably fewer inputs as before.
/// </summary>
/// <param name="PlantedLayer">The planted layer, 0-based among the hidden layers (the narrowest; the first on ties).</param>
/// <param name="Width">Its width.</param>
/// <param name="EffectiveWidth">
/// The fewest of its units that still give the teacher's label on at least <see cref="KeptAgreement"/> of the
/// inputs, units dropped greedily (each time the one whose loss the refit absorbs best).
/// </param>
/// <param name="CutAgreement">The best agreement with the teacher's labels of any cut to <c>Width - 1</c> units.</param>
/// <param name="Binds">True when <paramref name="CutAgreement"/> is at most 1 - <see cref="MinCutLoss"/>.</param>
public sealed record TeacherBinding(int PlantedLayer, int Width, int EffectiveWidth, double CutAgreement, bool Binds)
{
    /// <summary>The share of labels a cut must change for the layer to bind: 2 percentage points.</summary>
    public const double MinCutLoss = 0.02;

    /// <summary>The agreement with the full teacher that the effective width keeps: 99 %.</summary>
    public const double KeptAgreement = 0.99;

    /// <summary>The widest planted layer that is measured: wider ones cost too much (the search is O(width⁵)).</summary>
    public const int MaxMeasuredWidth = 32;

    /// <summary>One line for a dataset description.</summary>
    public string Describe() =>
        $"planted layer {PlantedLayer + 1} width {Width} {(Binds ? "binds" : "does not bind")} " +
        $"(effective width {EffectiveWidth}, " +
        $"cut to {Width - 1} keeps {CutAgreement.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} of labels)";
}
