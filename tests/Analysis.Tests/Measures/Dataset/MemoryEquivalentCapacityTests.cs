using CapacityGrid.Analysis.Measures.Dataset;
using Xunit;

namespace CapacityGrid.Analysis.Tests.Measures.Dataset;

public sealed class MemoryEquivalentCapacityTests
{
    private static readonly float[][] TwoInputs = [[0, 0], [0, 1], [1, 0], [1, 1]];

    [Fact]
    public void Measure_Xor_IsFourBitsEstimateAndEightMax()
    {
        var data = Synthetic.Table(TwoInputs, [0, 1, 1, 0], 2);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(4.0, mec.EstimateBits);
        Assert.Equal(8.0, mec.MaxBits);
        Assert.Equal(2, mec.LabelChanges);
    }

    [Fact]
    public void Measure_And_IsTwoBitsEstimateAndFourMax()
    {
        var data = Synthetic.Table(TwoInputs, [0, 0, 0, 1], 2);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(2.0, mec.EstimateBits);
        Assert.Equal(4.0, mec.MaxBits);
    }

    [Fact]
    public void Measure_Rows_AreSortedByTheirFeatureSum()
    {
        // Listed out of order; sorted by sum the labels read 0 0 1 1: one change.
        var data = Synthetic.Table([[5, 5], [0, 1], [4, 4], [1, 1]], [1, 0, 1, 0], 2);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(1, mec.LabelChanges);
    }

    [Fact]
    public void Measure_EqualSums_KeepTheInputOrder()
    {
        // All sums are 1: the stable order keeps labels 0 1 0, two changes (sorting ties by label would give one).
        var data = Synthetic.Table([[1, 0], [0, 1], [1, 0]], [0, 1, 0], 2);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(2, mec.LabelChanges);
    }

    [Fact]
    public void Measure_DictionaryBound_IsSamplesTimesLog2Classes()
    {
        var data = Synthetic.Table(TwoInputs, [0, 1, 2, 3], 4);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(8.0, mec.DictionaryBits);
    }

    [Fact]
    public void Measure_OneLabel_IsZeroWithAReason()
    {
        var data = Synthetic.Table(TwoInputs, [1, 1, 1, 1], 2);

        var mec = MemoryEquivalentCapacity.Measure(data);

        Assert.Equal(0.0, mec.EstimateBits);
        Assert.Equal(0.0, mec.MaxBits);
        Assert.NotNull(mec.Reason);
    }
}
