using System.Buffers.Binary;
using CapacityGrid.Grains.Abstractions;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Abstractions.Training;
using CapacityGrid.Grains.Tests.Fixtures;

namespace CapacityGrid.Grains.Tests.Training;

[Collection(GridCollection.Name)]
public sealed class RetryTests(GridClusterFixture fixture) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"capgrid-retry-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ExperimentSpec Spec() => new(
        "retry",
        new DatasetSpec("idx", Path: _folder, Classes: 2, ValidationFraction: 0),
        new GridSpec([3], [1], [1]),
        new TrainingSpec(Epochs: 2));

    [Fact]
    public async Task AFailedRun_IsRetriedFromItsCheckpoint_AndFinishesWhenTheCauseIsGone()
    {
        var id = $"retry-{Guid.NewGuid():N}"[..20];
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(Spec());
        var trainer = fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, (await experiment.GetPointsAsync())[0].PointId));

        // The data folder is missing: the first run fails, and the point waits for its retry.
        await Eventually.WaitForAsync(async () => (await trainer.GetResultAsync()).Error is not null);
        var failedRun = (await trainer.GetResultAsync()).Phases!;
        WriteIdxFolder();
        await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).State == ExperimentState.Completed);

        var result = await trainer.GetResultAsync();
        Assert.Equal(PointStatus.Finished, result.Status);
        Assert.True(result.Attempts >= 2, $"{result.Attempts} attempts");
        Assert.Equal([1, 2], result.Epochs.Select(e => e.Epoch));
        // The failed run's time stays with the point: every phase is at least what the first run spent in it.
        Assert.True(failedRun.DataLoad > 0, $"failed run's data load {failedRun.DataLoad} s");
        var phases = result.Phases!;
        Assert.All(failedRun.Named().Zip(phases.Named()), p => Assert.True(p.Second.Seconds >= p.First.Seconds, $"{p.First.Phase}: {p.Second.Seconds} < {p.First.Seconds}"));
        Assert.True(phases.TrainingThread > 0, $"training thread {phases.TrainingThread} s");
    }

    [Fact]
    public async Task APointThatKeepsFailing_IsMarkedFailedWithItsErrorAfterTheLastAttempt()
    {
        var id = $"fail-{Guid.NewGuid():N}"[..20];
        var experiment = fixture.Cluster.Client.GetGrain<IExperimentGrain>(id);
        await experiment.StartAsync(Spec());

        await Eventually.WaitForAsync(async () => (await experiment.GetStatusAsync()).State == ExperimentState.Completed);

        var status = await experiment.GetStatusAsync();
        var result = await fixture.Cluster.Client.GetGrain<ITrainerGrain>(GrainKeys.Trainer(id, (await experiment.GetPointsAsync())[0].PointId)).GetResultAsync();
        Assert.Equal(1, status.Failed);
        Assert.Equal(PointStatus.Failed, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Contains("not found", result.Error);
    }

    // 40 tiny 2x2 images of two classes told apart by brightness, as IDX files.
    private void WriteIdxFolder()
    {
        Directory.CreateDirectory(_folder);
        foreach (var prefix in new[] { "train", "t10k" })
        {
            var labels = Enumerable.Range(0, 40).Select(i => (byte)(i % 2)).ToArray();
            var images = new byte[16 + 40 * 4];
            BinaryPrimitives.WriteInt32BigEndian(images, 0x803);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), 40);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 2);
            BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 2);
            for (var i = 0; i < 40; i++)
            {
                images.AsSpan(16 + i * 4, 4).Fill((byte)(labels[i] == 1 ? 200 + i : 10 + i));
            }
            var labelFile = new byte[8 + 40];
            BinaryPrimitives.WriteInt32BigEndian(labelFile, 0x801);
            BinaryPrimitives.WriteInt32BigEndian(labelFile.AsSpan(4), 40);
            labels.CopyTo(labelFile, 8);
            File.WriteAllBytes(Path.Combine(_folder, $"{prefix}-images-idx3-ubyte"), images);
            File.WriteAllBytes(Path.Combine(_folder, $"{prefix}-labels-idx1-ubyte"), labelFile);
        }
    }
}
