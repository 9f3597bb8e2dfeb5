using CapacityGrid.Analysis.Capacity;
using CapacityGrid.Analysis.Data;

namespace CapacityGrid.Analysis.Tests.Capacity;

public sealed class ProbePairInputDimensionTests
{
    [Theory]
    [InlineData(10, 0)]
    [InlineData(3, 7)]
    public void InputDimensionOf_FeaturesWithSomeConstantColumns_CountsOnlyTheColumnsThatVary(int varying, int constant)
    {
        var random = new Random(5);
        const int samples = 6000; // more than the 4,096 rows measured
        var d = varying + constant;
        var features = new float[samples * d];
        for (var s = 0; s < samples; s++)
        {
            for (var j = 0; j < varying; j++)
            {
                features[s * d + j] = (float)(random.NextDouble() * 2 - 1);
            }
        }
        var data = new TabularData(features, samples, d, [.. Enumerable.Range(0, samples).Select(s => s % 2)], 2);

        Assert.Equal(varying, ProbePair.InputDimensionOf(data, seed: 1));
    }
}
