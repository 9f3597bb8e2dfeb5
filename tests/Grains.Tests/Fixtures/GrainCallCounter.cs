using System.Collections.Concurrent;

namespace CapacityGrid.Grains.Tests.Fixtures;

/// <summary>
/// Counts the calls each grain receives, per method, in every silo of the in-process test clusters (the silos
/// share this process, so one count serves them all). Tests read how often a grain was asked something.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<(string Grain, string Method), int> Counts = new();

    /// <summary>Calls of <paramref name="method"/> received so far by grains whose key starts with <paramref name="keyPrefix"/>.</summary>
    public static int Of(string method, string keyPrefix) =>
        Counts.Where(c => c.Key.Method == method && c.Key.Grain.StartsWith(keyPrefix, StringComparison.Ordinal)).Sum(c => c.Value);

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        Counts.AddOrUpdate((context.TargetId.Key.ToString()!, context.InterfaceMethod?.Name ?? ""), 1, (_, n) => n + 1);
        return context.Invoke();
    }
}
