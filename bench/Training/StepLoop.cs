using System.Diagnostics;
using static TorchSharp.torch;

namespace CapacityGrid.Bench.Training;

/// <summary>The training-step loop the throughput benchmarks time: index a batch, forward, loss, backward, optimizer step.</summary>
public static class StepLoop
{
    /// <summary>
    /// Best-of-<paramref name="rounds"/> samples/s over <paramref name="stepsPerRound"/> steps of batches of
    /// <paramref name="batchSize"/> rows taken in turn from <paramref name="x"/> and <paramref name="y"/>; one more
    /// round first warms up allocators and kernels and is not counted.
    /// </summary>
    public static double BestSamplesPerSecond(
        Tensor x, Tensor y, int batchSize, int stepsPerRound, int rounds,
        Func<Tensor, Tensor> forward, Action zeroGrad, Action step)
    {
        var samples = (int)x.shape[0];
        var best = 0.0;
        for (var round = 0; round <= rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var s = 0; s < stepsPerRound; s++)
            {
                using var stepScope = NewDisposeScope();
                var start = s * batchSize % samples;
                var index = arange(start, start + batchSize, dtype: ScalarType.Int64);
                zeroGrad();
                var loss = nn.functional.cross_entropy(forward(x.index_select(0, index)), y.index_select(0, index));
                loss.item<float>();
                loss.backward();
                step();
            }
            if (round > 0)
            {
                best = Math.Max(best, (double)stepsPerRound * batchSize / watch.Elapsed.TotalSeconds);
            }
        }
        return best;
    }
}
