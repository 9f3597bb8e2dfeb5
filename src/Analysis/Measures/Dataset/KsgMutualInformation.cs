namespace CapacityGrid.Analysis.Measures.Dataset;

/// <summary>
/// k-nearest-neighbour estimators of mutual information, in nats.
/// Continuous X and Y: Kraskov, Stögbauer and Grassberger, "Estimating mutual information", Phys. Rev. E 69,
/// 066138 (2004), algorithm 1. Continuous X and discrete labels: Ross, "Mutual Information between Discrete
/// and Continuous Data Sets", PLoS ONE 9, e87357 (2014).
/// </summary>
/// <remarks>
/// All distances use the max-norm, as both papers do. The estimators assume continuous distributions:
/// exact duplicates make neighbour distances 0 and inflate the estimate, so jitter discrete-valued inputs
/// first. An estimate below 0 (the estimator's bias on independent data) is reported as 0 with a note,
/// as scikit-learn clips it.
/// </remarks>
public static class KsgMutualInformation
{
    /// <summary>The default number of neighbours: 3, within the 2-4 Kraskov et al. recommend, and scikit-learn's default.</summary>
    public const int DefaultK = 3;

    /// <summary>Nats to bits.</summary>
    public static double ToBits(double nats) => nats / Math.Log(2);

    /// <summary>
    /// I(X;Y) = ψ(k) + ψ(N) - &lt;ψ(n_x + 1) + ψ(n_y + 1)&gt;: eps_i is the max-norm distance from point i to
    /// its k-th neighbour in the joint space, n_x the number of other points strictly closer than eps_i in X,
    /// n_y the same in Y.
    /// </summary>
    /// <param name="x">N rows of <paramref name="xDimensions"/> values, row-major.</param>
    /// <param name="xDimensions">Dimensions of X.</param>
    /// <param name="y">N rows of <paramref name="yDimensions"/> values, row-major.</param>
    /// <param name="yDimensions">Dimensions of Y.</param>
    /// <param name="k">Neighbours in the joint space.</param>
    /// <exception cref="ArgumentException">Ragged or mismatched arrays, or a NaN or infinite value.</exception>
    public static Measurement Nats(double[] x, int xDimensions, double[] y, int yDimensions, int k = DefaultK)
    {
        var n = Rows(x, xDimensions, nameof(x));
        if (Rows(y, yDimensions, nameof(y)) != n)
        {
            throw new ArgumentException($"X has {n} rows, Y {y.Length / yDimensions}", nameof(y));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (n <= k)
        {
            return Measurement.Unavailable($"KSG with k = {k} needs at least {k + 1} samples, got {n}");
        }
        var psi = new Digamma(n + 1);
        var terms = new double[n];
        Parallel.For(0, n, () => (Dx: new double[n], Dy: new double[n], Nearest: new double[k]), (i, _, buffers) =>
        {
            var (dx, dy, nearest) = buffers;
            Array.Fill(nearest, double.PositiveInfinity);
            for (var j = 0; j < n; j++)
            {
                dx[j] = MaxNorm(x, xDimensions, i, j);
                dy[j] = MaxNorm(y, yDimensions, i, j);
                if (j != i)
                {
                    KeepSmallest(nearest, Math.Max(dx[j], dy[j]));
                }
            }
            var eps = nearest[k - 1];
            int nx = 0, ny = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    nx += dx[j] < eps ? 1 : 0;
                    ny += dy[j] < eps ? 1 : 0;
                }
            }
            terms[i] = psi[nx + 1] + psi[ny + 1];
            return buffers;
        }, _ => { });
        return NonNegative(psi[k] + psi[n] - terms.Average());
    }

    /// <summary>
    /// I(X;Y) for continuous X and discrete labels Y (Ross 2014):
    /// ψ(N) + &lt;ψ(k_i)&gt; - &lt;ψ(N_(y_i))&gt; - &lt;ψ(m_i)&gt;. d_i is the max-norm distance from point i to its k_i-th
    /// neighbour among the points of its class, k_i = min(k, N_y - 1); m_i the number of other points of any
    /// class within d_i (Ross's "within", so m_i ≥ k_i even with ties; scikit-learn counts strictly inside plus
    /// the point itself, which is the same number when no distance ties d_i). Points whose class has one
    /// sample have no neighbour in it and are left out, as scikit-learn does; N and N_y count the rest.
    /// </summary>
    /// <param name="x">N rows of <paramref name="dimensions"/> values, row-major.</param>
    /// <param name="dimensions">Dimensions of X.</param>
    /// <param name="labels">N non-negative labels.</param>
    /// <param name="k">Neighbours within a class.</param>
    /// <exception cref="ArgumentException">Ragged or mismatched arrays, a negative label, or a NaN or infinite value.</exception>
    public static Measurement NatsWithLabels(double[] x, int dimensions, int[] labels, int k = DefaultK)
    {
        var n = Rows(x, dimensions, nameof(x));
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (labels.Length != n)
        {
            throw new ArgumentException($"{labels.Length} labels for {n} rows", nameof(labels));
        }
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(labels[i], nameof(labels));
            if (!members.TryGetValue(labels[i], out var list))
            {
                members[labels[i]] = list = [];
            }
            list.Add(i);
        }
        var classes = members.Values.Where(m => m.Count > 1).ToArray();
        var kept = classes.SelectMany(m => m).Order().ToArray();
        if (kept.Length == 0)
        {
            return Measurement.Unavailable($"no class has two samples among {n}, so no point has a neighbour of its own class");
        }
        if (classes.Length == 1)
        {
            return Measurement.Of(0, "a single class (of those with two or more samples): the labels carry no information, 0 is exact");
        }
        var psi = new Digamma(kept.Length);
        var terms = new double[kept.Length];
        var classOf = new Dictionary<int, int[]>();
        foreach (var m in classes)
        {
            var array = m.ToArray();
            foreach (var i in array)
            {
                classOf[i] = array;
            }
        }
        Parallel.For(0, kept.Length, () => new double[k], (t, _, nearest) =>
        {
            var i = kept[t];
            var own = classOf[i];
            var ki = Math.Min(k, own.Length - 1);
            Array.Fill(nearest, double.PositiveInfinity);
            foreach (var j in own)
            {
                if (j != i)
                {
                    KeepSmallest(nearest.AsSpan(0, ki), MaxNorm(x, dimensions, i, j));
                }
            }
            var radius = nearest[ki - 1];
            var m = 0;
            foreach (var j in kept)
            {
                if (j != i && MaxNorm(x, dimensions, i, j) <= radius)
                {
                    m++;
                }
            }
            terms[t] = psi[ki] - psi[own.Length] - psi[m];
            return nearest;
        }, _ => { });
        return NonNegative(psi[kept.Length] + terms.Average());
    }

    private static int Rows(double[] values, int dimensions, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1, name);
        if (values.Length % dimensions != 0)
        {
            throw new ArgumentException($"{values.Length} values do not make rows of {dimensions}", name);
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"value {i % dimensions} of row {i / dimensions} is {values[i]}", name);
            }
        }
        return values.Length / dimensions;
    }

    private static double MaxNorm(double[] values, int dimensions, int a, int b)
    {
        var pa = values.AsSpan(a * dimensions, dimensions);
        var pb = values.AsSpan(b * dimensions, dimensions);
        var max = 0.0;
        for (var t = 0; t < pa.Length; t++)
        {
            max = Math.Max(max, Math.Abs(pa[t] - pb[t]));
        }
        return max;
    }

    /// <summary>Inserts <paramref name="value"/> into the ascending <paramref name="smallest"/> if it beats the last.</summary>
    private static void KeepSmallest(Span<double> smallest, double value)
    {
        var at = smallest.Length - 1;
        if (value >= smallest[at])
        {
            return;
        }
        while (at > 0 && smallest[at - 1] > value)
        {
            smallest[at] = smallest[at - 1];
            at--;
        }
        smallest[at] = value;
    }

    private static Measurement NonNegative(double nats) =>
        nats >= 0 ? Measurement.Of(nats) : Measurement.Of(0, $"the estimate was {nats:F4} nats, below 0 by the estimator's bias; reported as 0");
}
