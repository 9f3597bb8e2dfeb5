using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Training.Optimizers;

/// <summary>
/// Adam and SGD updates as one pass over each element, for contiguous float32 tensors on the CPU: read the
/// parameter, its gradient and its state once, write them once. Torch's element-wise ops take 8 passes (Adam)
/// and allocate temporaries, which for small models costs more than the matrix products and for stacked
/// models falls out of cache. The arithmetic is the same, in the same order, as those ops:
/// <c>add(param, alpha)</c> and <c>add_(grad, alpha)</c> as a fused multiply-add, <c>addcmul_</c> as
/// <c>v + (value·g)·g</c>, <c>addcdiv_</c> as <c>p + (value·m)/d</c>, every scalar rounded to float once.
/// </summary>
/// <remarks>
/// A tensor is laid out as <c>slots</c> equal consecutive runs (one run for a single model, one per model
/// of a stack), each with its own learning rate and weight decay. Large tensors are split over torch's
/// thread count.
/// </remarks>
public static class FusedUpdate
{
    // Below this many elements a second thread costs more than it saves.
    private const int ParallelThreshold = 1 << 16;
    private const int Chunk = 1 << 14;

    /// <summary>True when every tensor is a contiguous float32 CPU tensor, so the fused loops apply.</summary>
    public static bool Applies(params Tensor[] tensors) =>
        tensors.All(t => t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous());

    /// <summary>One Adam step of every slot of <paramref name="param"/>; the moments are updated in place.</summary>
    public static void Adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, AdamScalars scalars)
    {
        var slots = scalars.StepSizes.Length;
        ForRanges(param.numel(), slots, (slot, start, count) =>
        {
            var p = Floats(param).Slice(start, count);
            var g = Floats(grad).Slice(start, count);
            var m = Floats(expAvg).Slice(start, count);
            var v = Floats(expAvgSq).Slice(start, count);
            AdamRun(p, g, m, v, scalars, scalars.StepSizes[slot], scalars.WeightDecays[slot]);
        });
    }

    /// <summary>
    /// One SGD step of every slot: with momentum, <paramref name="buffer"/> becomes momentum·buffer + direction
    /// (or the direction itself when <paramref name="firstStep"/>), and the parameter moves by −lr·buffer.
    /// </summary>
    public static void Sgd(Tensor param, Tensor grad, Tensor? buffer, bool firstStep, SgdScalars scalars)
    {
        var slots = scalars.NegativeLearningRates.Length;
        ForRanges(param.numel(), slots, (slot, start, count) =>
        {
            var p = Floats(param).Slice(start, count);
            var g = Floats(grad).Slice(start, count);
            var b = buffer is null ? default : Floats(buffer).Slice(start, count);
            SgdRun(p, g, b, buffer is not null, firstStep, scalars.NegativeLearningRates[slot], scalars.Momenta[slot], scalars.WeightDecays[slot]);
        });
    }

    private static Span<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    // Calls body(slot, start, count) over ranges that never cross a slot, on up to torch's thread count.
    private static void ForRanges(long length, int slots, Action<int, int, int> body)
    {
        var perSlot = checked((int)(length / slots));
        var threads = torch.get_num_threads();
        if (threads <= 1 || length < ParallelThreshold)
        {
            for (var slot = 0; slot < slots; slot++)
            {
                body(slot, slot * perSlot, perSlot);
            }
            return;
        }
        var chunksPerSlot = (perSlot + Chunk - 1) / Chunk;
        Parallel.For(0, slots * chunksPerSlot, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var slot = i / chunksPerSlot;
            var offset = i % chunksPerSlot * Chunk;
            body(slot, slot * perSlot + offset, Math.Min(Chunk, perSlot - offset));
        });
    }

    private static void AdamRun(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, AdamScalars s, float stepSize, float weightDecay)
    {
        var width = Vector<float>.Count;
        var beta1 = new Vector<float>(s.Beta1);
        var oneMinusBeta1 = new Vector<float>(s.OneMinusBeta1);
        var beta2 = new Vector<float>(s.Beta2);
        var oneMinusBeta2 = new Vector<float>(s.OneMinusBeta2);
        var root = new Vector<float>(s.Correction2Root);
        var eps = new Vector<float>(s.Eps);
        var step = new Vector<float>(stepSize);
        var decay = new Vector<float>(weightDecay);
        var decays = weightDecay != 0;
        var i = 0;
        for (; i <= p.Length - width; i += width)
        {
            var pv = new Vector<float>(p[i..]);
            var gv = new Vector<float>(g[i..]);
            if (decays)
            {
                gv = Vector.FusedMultiplyAdd(pv, decay, gv);
            }
            var mv = Vector.FusedMultiplyAdd(gv, oneMinusBeta1, new Vector<float>(m[i..]) * beta1);
            var vv = new Vector<float>(v[i..]) * beta2 + oneMinusBeta2 * gv * gv;
            var denominator = Vector.SquareRoot(vv) / root + eps;
            (step * mv / denominator + pv).CopyTo(p[i..]);
            mv.CopyTo(m[i..]);
            vv.CopyTo(v[i..]);
        }
        for (; i < p.Length; i++)
        {
            var gi = decays ? MathF.FusedMultiplyAdd(p[i], weightDecay, g[i]) : g[i];
            m[i] = MathF.FusedMultiplyAdd(gi, s.OneMinusBeta1, m[i] * s.Beta1);
            v[i] = v[i] * s.Beta2 + s.OneMinusBeta2 * gi * gi;
            p[i] = stepSize * m[i] / (MathF.Sqrt(v[i]) / s.Correction2Root + s.Eps) + p[i];
        }
    }

    private static void SgdRun(Span<float> p, ReadOnlySpan<float> g, Span<float> b, bool hasBuffer, bool firstStep, float negativeLearningRate, float momentum, float weightDecay)
    {
        var width = Vector<float>.Count;
        var decay = new Vector<float>(weightDecay);
        var rate = new Vector<float>(negativeLearningRate);
        var mu = new Vector<float>(momentum);
        var decays = weightDecay != 0;
        var i = 0;
        for (; i <= p.Length - width; i += width)
        {
            var pv = new Vector<float>(p[i..]);
            var direction = new Vector<float>(g[i..]);
            if (decays)
            {
                direction = Vector.FusedMultiplyAdd(pv, decay, direction);
            }
            if (hasBuffer)
            {
                direction = firstStep ? direction : Vector.FusedMultiplyAdd(direction, Vector<float>.One, new Vector<float>(b[i..]) * mu);
                direction.CopyTo(b[i..]);
            }
            Vector.FusedMultiplyAdd(direction, rate, pv).CopyTo(p[i..]);
        }
        for (; i < p.Length; i++)
        {
            var direction = decays ? MathF.FusedMultiplyAdd(p[i], weightDecay, g[i]) : g[i];
            if (hasBuffer)
            {
                direction = firstStep ? direction : MathF.FusedMultiplyAdd(direction, 1f, b[i] * momentum);
                b[i] = direction;
            }
            p[i] = MathF.FusedMultiplyAdd(direction, negativeLearningRate, p[i]);
        }
    }
}

/// <summary>The scalars of one Adam step, rounded to float as torch rounds them; one step size and weight decay per slot.</summary>
public sealed record AdamScalars(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float Correction2Root, float Eps, float[] StepSizes, float[] WeightDecays)
{
    /// <summary>The scalars of step <paramref name="step"/> (from 1) for slots with these learning rates and weight decays.</summary>
    public static AdamScalars For(long step, double beta1, double beta2, double eps, IReadOnlyList<double> learningRates, IReadOnlyList<double> weightDecays)
    {
        var correction1 = 1 - Math.Pow(beta1, step);
        var correction2 = 1 - Math.Pow(beta2, step);
        return new AdamScalars((float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)Math.Sqrt(correction2), (float)eps,
            [.. learningRates.Select(lr => (float)-(lr / correction1))], [.. weightDecays.Select(w => (float)w)]);
    }
}

/// <summary>The scalars of one SGD step, rounded to float; one value of each per slot.</summary>
public sealed record SgdScalars(float[] NegativeLearningRates, float[] Momenta, float[] WeightDecays);
