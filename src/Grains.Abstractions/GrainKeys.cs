namespace CapacityGrid.Grains.Abstractions;

/// <summary>How grain keys are formed, in one place.</summary>
public static class GrainKeys
{
    /// <summary>The trainer grain key of a point: <c>{experimentId}/{pointId}</c>.</summary>
    public static string Trainer(string experimentId, string pointId) => $"{experimentId}/{pointId}";
}
