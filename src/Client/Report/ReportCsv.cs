using System.Globalization;
using System.Text;
using CapacityGrid.Grains.Abstractions.Analysis;
using CapacityGrid.Grains.Abstractions.Training;

namespace CapacityGrid.Client.Report;

/// <summary>The capacity map's points as CSV, one row per point (RFC 4180 quoting, invariant numbers, empty where missing).</summary>
public static class ReportCsv
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "pointId", "hiddenWidths", "depth", "seed", "status", "parameterCount", "architectureCapacityBits", "weightEntropyBits",
        "compressedWeightBits", "trainAccuracy", "testAccuracy", "trainLoss", "testLoss", "epochsDone", "error",
    ];

    /// <summary>The CSV text of <paramref name="map"/>'s points.</summary>
    public static string Render(CapacityMap map)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var p in map.Points)
        {
            string?[] cells =
            [
                p.PointId, Configurations.Key(p.HiddenWidths), Str(p.Depth), Str(p.Seed), p.Status.Name(), Str(p.ParameterCount),
                Str(p.ArchitectureCapacityBits), Str(p.WeightEntropyBits), Str(p.CompressedWeightBits), Str(p.TrainAccuracy),
                Str(p.TestAccuracy), Str(p.TrainLoss), Str(p.TestLoss), Str(p.EpochsDone), p.Error,
            ];
            csv.Append(string.Join(',', cells.Select(Quote))).Append('\n');
        }
        return csv.ToString();
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Str(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string? cell) =>
        cell is null ? "" : cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
