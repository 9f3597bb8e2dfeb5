using System.Text.Json;
using CapacityGrid.Client.Output;
using CapacityGrid.Client.Report;

namespace CapacityGrid.Client.Tests.Report;

public sealed class CapacityMapFileTests
{
    // Written by 'capgrid run Golden/spec.json --id golden-map' at e398be6, before measures crossed grains as
    // records: the map a run writes must keep every key and value it had then.
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Report", "Golden", "capacity-map.json");

    [Fact]
    public void Read_AMapARealRunWrote_WritesItBackKeyForKeyAndValueForValue()
    {
        var map = CapacityMapFile.Read(Golden);

        var written = JsonSerializer.Serialize(map, JsonOutput.Options);

        Assert.Equal(File.ReadAllText(Golden), written);
    }
}
