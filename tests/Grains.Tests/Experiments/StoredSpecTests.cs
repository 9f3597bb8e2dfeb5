using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CapacityGrid.Grains.Tests.Experiments;

// Grain state is stored by Orleans' Newtonsoft-based serializer, which writes every public property it is not told to
// skip: the typed views of a spec's words must stay out of it, as [JsonIgnore] keeps them out of spec JSON.
[Collection(GridCollection.Name)]
public sealed class StoredSpecTests(GridClusterFixture fixture)
{
    [Fact]
    public void GrainStorage_ASpecWithEveryChoiceSet_StoresOnlyItsWordsAndReadsBackEqual()
    {
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();
        var spec = new ExperimentSpec("stored", new DatasetSpec("csv", Path: "x.csv"), new GridSpec([4], [1], [1], Activation: "tanh"),
            new TrainingSpec(1, Optimizer: "sgd", Device: "cuda"));

        var stored = serializer.Serialize(spec);
        var text = stored.ToString();

        Assert.DoesNotContain("Typed", text, StringComparison.Ordinal);
        Assert.Contains("\"Kind\":\"csv\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Activation\":\"tanh\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Optimizer\":\"sgd\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Device\":\"cuda\"", text, StringComparison.Ordinal);
        Assert.Equal(SpecParser.ToJson(spec), SpecParser.ToJson(serializer.Deserialize<ExperimentSpec>(stored)!));
    }

    [Fact]
    public void GrainStorage_ASpecWhoseWordsNameNoKind_IsStoredAsItIs()
    {
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();
        var spec = new ExperimentSpec("stored", new DatasetSpec("parquet"), new GridSpec([4], [1], [1], Activation: "gelu"),
            new TrainingSpec(1, Optimizer: "adamw", Device: "tpu"));

        var text = serializer.Serialize(spec).ToString();

        Assert.Contains("\"Optimizer\":\"adamw\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Kind\":\"parquet\"", text, StringComparison.Ordinal);
    }
}
