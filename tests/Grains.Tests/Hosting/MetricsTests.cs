using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CapacityGrid.Grains.Tests.Hosting;

// Meters are process-wide: run alone, so no other test's sweep is counted.
[Collection(AloneCollection.Name)]
public sealed class MetricsTests(GridClusterFixture fixture) : IClassFixture<GridClusterFixture>
{
    [Fact]
    public async Task Sweep_CountsPointsStartedAndEndedAndTheSamplesTrained()
    {
        var metrics = new List<Metric>();
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter("CapacityGrid.*").AddInMemoryExporter(metrics).Build())
        {
            var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>($"metrics-{Guid.NewGuid():N}"[..20]);
            await experiment.StartAsync(new ExperimentSpec(
                "metrics",
                new DatasetSpec("teacher", InputDim: 4, Classes: 2, Samples: 200, Seed: 3, TestFraction: 0.2, ValidationFraction: 0.1),
                new GridSpec([3, 5, 7], [1], [1]),
                new TrainingSpec(Epochs: 2)));
            await ExperimentWaits.CompletedAsync(experiment);
            meters.ForceFlush();
        }

        // 200 samples less 20 % test and 10 % validation: 140 training rows, 2 epochs, 3 points.
        Assert.Equal(3, Sum(metrics, "capgrid.points.started"));
        Assert.Equal(3, Sum(metrics, "capgrid.points.ended", status: "finished"));
        Assert.Equal(3 * 2 * 140, Sum(metrics, "capgrid.samples"));
    }

    // Exports are cumulative, so the largest value seen is the total. No other test runs meanwhile (the collection
    // runs alone), and this provider exists only during this test, so it counts this sweep alone.
    private static long Sum(List<Metric> metrics, string name, string? status = null)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = status is null;
                foreach (var tag in point.Tags)
                {
                    matches |= tag.Key == "status" && (string?)tag.Value == status;
                }
                if (matches)
                {
                    sum = Math.Max(sum, point.GetSumLong());
                }
            }
        }
        return sum;
    }
}
