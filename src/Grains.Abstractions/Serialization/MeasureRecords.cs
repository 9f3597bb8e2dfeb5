using System.Text.Json;
using System.Text.Json.Serialization;
using CapacityGrid.Analysis.Measures.Weights;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CapacityGrid.Grains.Abstractions.Serialization;

/// <summary>
/// The Analysis project's measure records (weight measures, layer probes, per-epoch layers, dataset measures) cross
/// grains as they are: the Analysis project knows nothing of Orleans, so Orleans serialises them with System.Text.Json.
/// Every silo and every client adds it.
/// </summary>
public static class MeasureRecords
{
    // A measure record holds no NaN by contract; should one slip through, the call must still not fail.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Serialises the Analysis assembly's public types with System.Text.Json.</summary>
    public static IServiceCollection AddMeasureRecords(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(IsMeasureRecord, Json));

    /// <summary>
    /// Whether <paramref name="type"/> is one of the Analysis project's public types. Not its compiler-made ones: a
    /// collection expression there makes a list type System.Text.Json cannot build back; Orleans' own codecs carry those.
    /// </summary>
    public static bool IsMeasureRecord(Type type) => type.Assembly == typeof(WeightMeasures).Assembly && type.IsVisible;
}
