using CapacityGrid.Analysis.Measures.Probes;
using CapacityGrid.Analysis.Training.Optimizers;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Hosting;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Tests.Training;

public sealed class FinalProbeOptionsTests
{
    [Fact]
    public void FinalProbe_SubsamplesConfigured_ProbesThatManyRowsOfEachPart()
    {
        var options = Options(new() { ["Training:FinalProbe:InformationSamples"] = "60", ["Training:FinalProbe:RenyiSamples"] = "30" });
        var data = DatasetCache.Load(new DatasetSpec("teacher", InputDim: 4, TeacherHidden: [4], Classes: 2, Samples: 400, Seed: 1));
        var spec = PointModel.Of(new GridPoint("p", [8], 1, "relu"), data);
        byte[]? last = null;
        ClassifierTrainer.Train(data, spec, new TrainOptions(1, OptimizerKind.Adam, 0.01, 32, 0.9, 0, 1, null, DeviceKind.Cpu), report => last = report.Checkpoint, TestContext.Current.CancellationToken);

        var probe = FinalLayers.Probe(spec, last!, data, TestContext.Current.CancellationToken, options.Value.ToProbeOptions());

        Assert.Equal((60, 30), (probe.Train.InformationSamples, probe.Train.RenyiSamples));
        Assert.Equal((60, 30), (probe.Test.InformationSamples, probe.Test.RenyiSamples));
    }

    [Fact]
    public void FinalProbe_ByDefault_IsTheProbeOfMeasureModel()
    {
        var options = Options([]).Value.ToProbeOptions();

        Assert.Equal(FinalLayers.Options, options);
        Assert.Equal((4096, 1000, 200), (options.SaturationSamples, options.InformationSamples, options.RenyiSamples));
    }

    [Theory]
    [InlineData("RenyiSamples", "1")]
    [InlineData("InformationSamples", "2")]
    [InlineData("SaturationSamples", "0")]
    public void FinalProbe_SubsampleTooSmall_IsRefusedNamingTheSetting(string setting, string value)
    {
        var options = Options(new() { [$"Training:FinalProbe:{setting}"] = value });

        var e = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains($"Training:FinalProbe:{setting}", e.Message, StringComparison.Ordinal);
    }

    private static IOptions<FinalProbeOptions> Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddCapacityGridGrainServices(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<FinalProbeOptions>>();
    }
}
