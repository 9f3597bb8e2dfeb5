namespace CapacityGrid.Analysis.Data.Synthetic;

/// <summary>
/// Measures <see cref="TeacherBinding"/> on calibration inputs: the planted layer's activations H, the next layer's
/// pre-activations Z = H Wᵀ; a cut keeps a subset S of H's units and refits Z ≈ [H_S, 1] B by least squares (the
/// normal equations from one Gram matrix), then runs the rest of the teacher on the refitted Z.
/// </summary>
internal static class TeacherBindingCheck
{
    /// <summary>
    /// The binding of <paramref name="teacher"/>'s narrowest hidden layer, or null without hidden layers or when
    /// that layer is wider than <see cref="TeacherBinding.MaxMeasuredWidth"/>.
    /// </summary>
    public static TeacherBinding? Measure(TeacherNetwork teacher, IReadOnlyList<double[]> inputs)
    {
        if (teacher.LayerCount < 2)
        {
            return null;
        }
        var planted = Enumerable.Range(0, teacher.LayerCount - 1).MinBy(teacher.Width);
        var width = teacher.Width(planted);
        if (width > TeacherBinding.MaxMeasuredWidth)
        {
            return null;
        }
        var next = planted + 1;
        var outputs = teacher.Width(next);
        var m = inputs.Count;
        var h = inputs.Select(x => teacher.Forward(x, 0, planted)).ToArray();
        var labels = inputs.Select(x => TeacherNetwork.ArgMax(teacher.Forward(x))).ToArray();
        var w = teacher.Weights(next);

        // Gram of [H, 1] and cross-products with Z, once; each refit solves a small system from them.
        var n = width + 1;
        var gram = new double[n * n];
        var cross = new double[n * outputs];
        var z = new double[outputs];
        var row = new double[n];
        for (var s = 0; s < m; s++)
        {
            h[s].CopyTo(row, 0);
            row[width] = 1;
            for (var o = 0; o < outputs; o++)
            {
                var sum = 0.0;
                for (var i = 0; i < width; i++)
                {
                    sum += w[o * width + i] * row[i];
                }
                z[o] = sum;
            }
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    gram[a * n + b] += row[a] * row[b];
                }
                for (var o = 0; o < outputs; o++)
                {
                    cross[a * outputs + o] += row[a] * z[o];
                }
            }
        }

        var all = Enumerable.Range(0, width).ToList();
        var cutAgreement = width == 1
            ? Agreement(teacher, next, h, labels, [], gram, cross, n, outputs)
            : all.Max(drop => Agreement(teacher, next, h, labels, [.. all.Where(u => u != drop)], gram, cross, n, outputs));
        var effective = EffectiveWidth(teacher, next, h, labels, gram, cross, n, outputs);
        return new TeacherBinding(planted, width, effective, cutAgreement, cutAgreement <= 1 - TeacherBinding.MinCutLoss);
    }

    private static int EffectiveWidth(TeacherNetwork teacher, int next, double[][] h, int[] labels, double[] gram, double[] cross, int n, int outputs)
    {
        var kept = Enumerable.Range(0, n - 1).ToList();
        var effective = kept.Count;
        while (kept.Count > 0)
        {
            // Drop the unit whose removal leaves the largest explained part of Z (the smallest least-squares loss).
            var drop = kept.MaxBy(u => Explained([.. kept.Where(k => k != u)], gram, cross, n, outputs));
            kept.Remove(drop);
            if (Agreement(teacher, next, h, labels, [.. kept], gram, cross, n, outputs) < TeacherBinding.KeptAgreement)
            {
                break;
            }
            effective = kept.Count;
        }
        return effective;
    }

    // tr(Rᵀ B) for the refit on the kept units plus the constant: the part of Σ|Z|² the refit explains.
    private static double Explained(int[] kept, double[] gram, double[] cross, int n, int outputs)
    {
        var (index, b) = Refit(kept, gram, cross, n, outputs);
        var sum = 0.0;
        for (var a = 0; a < index.Length; a++)
        {
            for (var o = 0; o < outputs; o++)
            {
                sum += cross[index[a] * outputs + o] * b[a * outputs + o];
            }
        }
        return sum;
    }

    private static double Agreement(TeacherNetwork teacher, int next, double[][] h, int[] labels, int[] kept, double[] gram, double[] cross, int n, int outputs)
    {
        var (index, b) = Refit(kept, gram, cross, n, outputs);
        var isOutput = next == teacher.LayerCount - 1;
        var same = 0;
        var z = new double[outputs];
        for (var s = 0; s < h.Length; s++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var sum = 0.0;
                for (var a = 0; a < index.Length; a++)
                {
                    sum += (index[a] == n - 1 ? 1 : h[s][index[a]]) * b[a * outputs + o];
                }
                z[o] = isOutput ? sum + teacher.Bias[o] : Math.Max(0, sum);
            }
            var logits = isOutput ? z : teacher.Forward(z, next + 1);
            if (TeacherNetwork.ArgMax(logits) == labels[s])
            {
                same++;
            }
        }
        return (double)same / h.Length;
    }

    // Least squares on the kept units and the constant column: solves G_SS B = R_S by Cholesky, with a tiny ridge
    // so a dead (always-zero) unit does not make the system singular.
    private static (int[] Index, double[] B) Refit(int[] kept, double[] gram, double[] cross, int n, int outputs)
    {
        var index = kept.Append(n - 1).ToArray();
        var k = index.Length;
        var g = new double[k * k];
        var trace = 0.0;
        for (var a = 0; a < k; a++)
        {
            for (var c = 0; c < k; c++)
            {
                g[a * k + c] = gram[index[a] * n + index[c]];
            }
            trace += g[a * k + a];
        }
        for (var a = 0; a < k; a++)
        {
            g[a * k + a] += 1e-9 * trace / k + 1e-12;
        }
        for (var a = 0; a < k; a++)
        {
            for (var c = 0; c <= a; c++)
            {
                var sum = g[a * k + c];
                for (var j = 0; j < c; j++)
                {
                    sum -= g[a * k + j] * g[c * k + j];
                }
                g[a * k + c] = a == c ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / g[c * k + c];
            }
        }
        var b = new double[k * outputs];
        for (var o = 0; o < outputs; o++)
        {
            var y = new double[k];
            for (var a = 0; a < k; a++)
            {
                var sum = cross[index[a] * outputs + o];
                for (var j = 0; j < a; j++)
                {
                    sum -= g[a * k + j] * y[j];
                }
                y[a] = sum / g[a * k + a];
            }
            for (var a = k - 1; a >= 0; a--)
            {
                var sum = y[a];
                for (var j = a + 1; j < k; j++)
                {
                    sum -= g[j * k + a] * b[j * outputs + o];
                }
                b[a * outputs + o] = sum / g[a * k + a];
            }
        }
        return (index, b);
    }
}
