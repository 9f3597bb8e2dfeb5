using System.Text.Json;
using System.Text.Json.Nodes;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Report;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.Report;

[Collection(CliCollection.Name)]
public sealed class CapacityMapFileTests : IDisposable
{
    // Written by 'capgrid run Golden/spec.json --id golden-map' at e398be6, before measures crossed grains as
    // records: the map a run writes must keep every key and value it had then.
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Report", "Golden", "capacity-map.json");
    private static readonly string GoldenSpec = Path.Combine(AppContext.BaseDirectory, "Report", "Golden", "spec.json");

    private readonly string _folder = Directory.CreateTempSubdirectory("capgrid-golden-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_AMapARealRunWrote_WritesItBackKeyForKeyAndValueForValue()
    {
        var map = CapacityMapFile.Read(Golden);

        var written = JsonSerializer.Serialize(map, JsonOutput.Options);

        Assert.Equal(File.ReadAllText(Golden), written);
    }

    [Fact]
    public async Task Run_TheGoldenMapsSpec_WritesAMapOfTheGoldenMapsShape()
    {
        var storage = StorageEndpoint.AzuriteConnectionString(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var output = Path.Combine(_folder, "out");

        var run = await CliRun.InvokeAsync("run", GoldenSpec, "--out", output, "--data", Path.Combine(_folder, "data"), "--storage", storage, "--id", "golden-map");

        Assert.True(run.ExitCode == 0, run.Error);
        var written = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "golden-map", "capacity-map.json"), TestContext.Current.CancellationToken));
        // Its values vary from run to run (wall-clock phases, which points train stacked, the probes' last digits);
        // the round trip above holds them to the golden map.
        var differences = JsonShape.Differences(JsonNode.Parse(File.ReadAllText(Golden)), written);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(20)));
    }
}
