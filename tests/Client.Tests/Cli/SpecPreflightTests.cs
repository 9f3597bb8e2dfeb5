using CapacityGrid.Client.Cli;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SpecPreflightTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-preflight-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CheckLocalFiles_AValidCsvFileThatExists_Passes()
    {
        // Enough rows for the default test and validation shares: the preflight reads and splits the data.
        var path = Path.Combine(_folder, "d.csv");
        File.WriteAllLines(path, Enumerable.Range(0, 20).Select(i => $"{i},{i * 2},{i % 2}"));

        var e = Record.Exception(() => SpecPreflight.CheckLocalFiles(WithDataset(new DatasetSpec("csv", path))));

        Assert.Null(e);
    }

    [Fact]
    public void CheckLocalFiles_AFolderGivenAsTheCsvFile_IsRefused()
    {
        var e = Assert.Throws<SpecException>(() => SpecPreflight.CheckLocalFiles(WithDataset(new DatasetSpec("csv", _folder))));

        Assert.Equal("dataset.path", e.Field);
        Assert.Contains("is a folder, not a CSV file", e.Problem);
    }

    [Fact]
    public async Task Run_ACsvSpecWhoseFileIsMissing_ExitsWith2NamingTheFileAndCreatesNothing()
    {
        var spec = Path.Combine(_folder, "spec.json");
        File.WriteAllText(spec, """
            { "name": "c", "dataset": { "kind": "csv", "path": "/nonexistent/sklearn/iris.csv" },
              "grid": { "widths": [2], "depths": [1], "seeds": [1] }, "training": { "epochs": 1 } }
            """);
        var data = Path.Combine(_folder, "data");

        var run = await CliRun.InvokeAsync("run", spec, "--out", Path.Combine(_folder, "out"), "--data", data);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dataset.path: file '/nonexistent/sklearn/iris.csv' not found (for scikit-learn's sample data: apt-get install python3-sklearn)", run.Error);
        Assert.False(Directory.Exists(data));
    }

    private static ExperimentSpec WithDataset(DatasetSpec dataset) =>
        new("c", dataset, new GridSpec([2], [1], [1]), new TrainingSpec(1));
}
