using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Tests.Fixtures;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CapacityGrid.Grains.Tests.Experiments;

/// <summary>Several experiments at once on one silo of 2 slots, with the trivial engine: they share the slots.</summary>
[Collection(AloneCollection.Name)]
public sealed class FairnessTests : IAsyncLifetime
{
    private const int Points = 12;
    private readonly GridClusterFixture _fixture = new() { SiloCount = 1, SlotsPerSilo = 2, EpochTime = TimeSpan.FromMilliseconds(50) };

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task ThreeExperimentsQueuedOneAfterAnother_WhenTheFirstCompletes_EveryOneHasFinishedHalfItsPoints()
    {
        var ct = TestContext.Current.CancellationToken;
        var pool = _fixture.Cluster.Silos.Single().ServiceProvider.GetRequiredService<SlotPool>();
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var experiments = Enumerable.Range(1, 3)
            .Select(i => _fixture.Cluster.Client.GetGrain<IExperimentGrain>($"fair-{i}-{stamp}"))
            .ToArray();
        // Both slots busy while the experiments are submitted one after the other, so all their points wait
        // in submission order: first-come-first-served would then run the first to its end before the others.
        var held = new[] { await pool.AcquireAsync("held", ct), await pool.AcquireAsync("held", ct) };
        for (var i = 0; i < experiments.Length; i++)
        {
            await experiments[i].StartAsync(new ExperimentSpec(
                $"fair-{i + 1}",
                new DatasetSpec("teacher", InputDim: 4, TeacherHidden: [4], Classes: 2, Samples: 200, Seed: 1),
                new GridSpec([1], [1], [.. Enumerable.Range(1, Points)]),
                new TrainingSpec(1)));
        }
        await Eventually.WaitForAsync(() => pool.Waiting == 3 * Points);

        foreach (var lease in held)
        {
            lease.Dispose();
        }
        ExperimentStatus[] statuses = [];
        await Eventually.WaitForAsync(async () =>
        {
            statuses = await Task.WhenAll(experiments.Select(e => e.GetStatusAsync()));
            return statuses.Any(s => s.State == ExperimentState.Completed);
        }, TimeSpan.FromMinutes(1));

        Assert.True(statuses.All(s => s.Finished >= Points / 2), $"finished points when the first experiment completed: {string.Join(", ", statuses.Select(s => s.Finished))}");
        await Eventually.WaitForAsync(async () =>
            (await Task.WhenAll(experiments.Select(e => e.GetStatusAsync()))).All(s => s.State == ExperimentState.Completed), TimeSpan.FromMinutes(1));
    }
}
