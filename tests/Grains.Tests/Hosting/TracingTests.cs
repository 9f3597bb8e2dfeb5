using System.Diagnostics;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CapacityGrid.Grains.Tests.Hosting;

[Collection(GridCollection.Name)]
public sealed class TracingTests(GridClusterFixture fixture)
{
    [Fact]
    public async Task Experiment_IsOneTraceOfPointsEpochsAndCheckpointWrites()
    {
        var id = $"trace-{Guid.NewGuid():N}"[..20];
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("CapacityGrid.*").AddInMemoryExporter(spans).Build())
        {
            var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
            await experiment.StartAsync(new ExperimentSpec(
                "trace",
                new DatasetSpec("teacher", InputDim: 4, Classes: 2, Samples: 200, Seed: 3),
                new GridSpec([3, 5], [1], [1]),
                new TrainingSpec(Epochs: 2)));
            await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).State == ExperimentState.Completed, TimeSpan.FromMinutes(2));
            // A point's span ends just after it reports its completion: on a loaded machine the experiment can
            // complete first.
            await Eventually.WaitForAsync(() =>
            {
                try
                {
                    return spans.ToArray().Count(s => s.DisplayName == "grid-point" && (string?)s.GetTagItem("capgrid.experiment") == id) == 2;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException)
                {
                    return false; // the exporter appended while the list was copied; look again
                }
            }, TimeSpan.FromSeconds(30));
            tracing.ForceFlush();
        }

        var root = Assert.Single(spans, s => s.DisplayName == "experiment" && (string?)s.GetTagItem("capgrid.experiment") == id);
        var points = spans.Where(s => s.DisplayName == "grid-point" && s.ParentSpanId == root.SpanId).ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, point =>
        {
            Assert.Equal(root.TraceId, point.TraceId);
            Assert.Equal(id, point.GetTagItem("capgrid.experiment"));
            var epochs = spans.Where(s => s.DisplayName == "epoch" && s.ParentSpanId == point.SpanId).ToList();
            Assert.Equal([1, 2], epochs.Select(e => (int)e.GetTagItem("capgrid.epoch")!).Order());
            Assert.All(epochs, epoch => Assert.Single(spans, s => s.DisplayName == "checkpoint-write" && s.ParentSpanId == epoch.SpanId));
            // Where the point's time went (issue #16): every phase a run from scratch passes through, in seconds.
            foreach (var phase in new[] { "slot_wait", "data_load", "training", "training_steps", "evaluation", "final_measures", "checkpoint_write", "report" })
            {
                var seconds = Assert.IsType<double>(point.GetTagItem($"capgrid.phase.{phase}_s"));
                Assert.InRange(seconds, 0, point.Duration.TotalSeconds);
            }
            Assert.True((double)point.GetTagItem("capgrid.phase.training_s")! > 0);
            Assert.True((double)point.GetTagItem("capgrid.phase.training_steps_s")! > 0);
        });
    }
}
