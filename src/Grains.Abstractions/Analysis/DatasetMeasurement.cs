using System.Text.Json.Serialization;
using CapacityGrid.Analysis.Measures.Dataset;

namespace CapacityGrid.Grains.Abstractions.Analysis;

/// <summary>
/// The dataset's information measures, or why computing them failed. Written to JSON as the measures themselves,
/// or as <c>{ "error": ... }</c> (<see cref="DatasetMeasurementJson"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.dataset-measurement")]
[JsonConverter(typeof(DatasetMeasurementJson))]
public sealed record DatasetMeasurement(
    [property: Id(0)] DatasetMeasures? Measures,
    [property: Id(1)] string? Error = null);
