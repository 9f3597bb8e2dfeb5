namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>The digamma function at the positive integers, which is all the KSG estimators need: ψ(1) = -γ, ψ(m + 1) = ψ(m) + 1/m.</summary>
internal sealed class Digamma
{
    private const double EulerMascheroni = 0.57721566490153286;

    private readonly double[] _values;

    /// <summary>A table of ψ(1) .. ψ(<paramref name="max"/>).</summary>
    public Digamma(int max)
    {
        _values = new double[max + 1];
        _values[0] = double.NaN;
        _values[1] = -EulerMascheroni;
        for (var m = 1; m < max; m++)
        {
            _values[m + 1] = _values[m] + 1.0 / m;
        }
    }

    /// <summary>ψ(<paramref name="m"/>), m in 1 .. max.</summary>
    public double this[int m] => _values[m];
}
