using CapacityGrid.Analysis.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace CapacityGrid.Analysis.Tests.Training.Optimizers;

public sealed class FusedUpdateTests
{
    [Fact]
    public void Adam_ThreeStepsOnTwoSlots_FollowTheAdamFormulaInDoublePrecisionToFloatRounding()
    {
        double[] rates = [0.05, 0.3];
        double[] decays = [0, 0.01];
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        // Two slots of 1,003 elements: the vector loop and the scalar tail both run.
        var param = randn([2, 1003], generator: generator);
        var grads = Enumerable.Range(0, 3).Select(_ => randn([2, 1003], generator: generator)).ToArray();
        var m = zeros_like(param);
        var v = zeros_like(param);
        var p = Floats(param).Select(x => (double)x).ToArray();
        var md = new double[p.Length];
        var vd = new double[p.Length];

        for (var step = 1; step <= 3; step++)
        {
            FusedUpdate.Adam(param, grads[step - 1], m, v, AdamScalars.For(step, 0.9, 0.999, 1e-8, rates, decays));
            var g = Floats(grads[step - 1]);
            for (var i = 0; i < p.Length; i++)
            {
                var slot = i / 1003;
                var gi = g[i] + decays[slot] * p[i];
                md[i] = 0.9 * md[i] + 0.1 * gi;
                vd[i] = 0.999 * vd[i] + 0.001 * gi * gi;
                var denominator = Math.Sqrt(vd[i]) / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-8;
                p[i] -= rates[slot] / (1 - Math.Pow(0.9, step)) * md[i] / denominator;
            }
        }

        // Each step moves a parameter by about the learning rate; float rounding of the state is far below 1e-5 of it.
        var fused = Floats(param);
        Assert.All(Enumerable.Range(0, p.Length), i => Assert.Equal(p[i], fused[i], 1e-5 * rates[i / 1003]));
        Assert.NotEqual(Floats(grads[0])[0], fused[0]);
    }

    [Fact]
    public void Sgd_WithMomentum_FirstStepCopiesTheDirectionThenAccumulates()
    {
        using var scope = NewDisposeScope();
        var param = tensor(new float[] { 1f, 2f, 3f });
        var grad = tensor(new float[] { 0.5f, -1f, 2f });
        var buffer = empty_like(param);
        var scalars = new SgdScalars([-0.1f], [0.9f], [0f]);

        FusedUpdate.Sgd(param, grad, buffer, firstStep: true, scalars);
        Assert.Equal([0.5f, -1f, 2f], Floats(buffer));
        Assert.Equal([1f - 0.05f, 2f + 0.1f, 3f - 0.2f], Floats(param));

        FusedUpdate.Sgd(param, grad, buffer, firstStep: false, scalars);
        Assert.Equal([0.95f, -1.9f, 3.8f], Floats(buffer), (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal([0.95f - 0.095f, 2.1f + 0.19f, 2.8f - 0.38f], Floats(param), (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Adam_OnALargeTensorWithTwoThreads_EqualsOneThreadExactly()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        // Three slots of 40,000: above the parallel threshold, with chunks that end inside a slot.
        var start = randn([3, 40_000], generator: generator);
        var grad = randn([3, 40_000], generator: generator);
        var scalars = AdamScalars.For(1, 0.9, 0.999, 1e-8, [0.1, 0.2, 0.3], [0, 0.5, 0]);
        var threads = torch.get_num_threads();
        try
        {
            var serial = Run(1);
            var parallel = Run(2);
            Assert.Equal(serial, parallel);
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        float[] Run(int count)
        {
            torch.set_num_threads(count);
            var param = start.clone();
            FusedUpdate.Adam(param, grad, zeros_like(param), zeros_like(param), scalars);
            return Floats(param);
        }
    }

    [Fact]
    public void Applies_ToATransposedTensor_IsFalse()
    {
        using var scope = NewDisposeScope();
        var matrix = zeros(3, 4);

        Assert.True(FusedUpdate.Applies(matrix));
        Assert.False(FusedUpdate.Applies(matrix, matrix.t()));
        Assert.False(FusedUpdate.Applies(zeros(3, dtype: ScalarType.Float64)));
    }

    private static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();
}
