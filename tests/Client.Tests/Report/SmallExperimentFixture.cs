using CapacityGrid.Client.Tests.Cli;

namespace CapacityGrid.Client.Tests.Report;

/// <summary>A real standalone silo that has run one small experiment (8 points, 3 epochs, information plane measured) to its end.</summary>
public sealed class SmallExperimentFixture : IAsyncLifetime
{
    /// <summary>The experiment's id.</summary>
    public const string ExperimentId = "report-small";

    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-report-").FullName;

    /// <summary>The cluster that ran it.</summary>
    public StandaloneSiloFixture Cluster { get; } = new();

    /// <summary>The capacity-map.json that 'run' wrote.</summary>
    public string MapPath => Path.Combine(_folder, ExperimentId, "capacity-map.json");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Cluster.InitializeAsync();
        var spec = Path.Combine(_folder, "spec.json");
        await File.WriteAllTextAsync(spec, """
            { "name": "report-small",
              "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [8], "classes": 3, "samples": 600, "seed": 3 },
              "grid": { "widths": [2, 8], "depths": [1, 2], "seeds": [1, 2] },
              "training": { "epochs": 3, "learningRate": 0.01, "batchSize": 32 },
              "measures": { "informationPlane": true, "informationSamples": 60 } }
            """);
        var run = await CliRun.InvokeAsync(["run", spec, "--id", ExperimentId, "--out", _folder, .. Cluster.ClusterArgs]);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
