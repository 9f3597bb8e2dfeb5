using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace CapacityGrid.Grains.Placement;

/// <summary>
/// Puts a trainer on a silo that serves its point's device (a <c>cuda</c> point only on a silo that advertises a
/// GPU), choosing among those at random in proportion to their training slots, so a silo with more slots gets more
/// points. The built-in metadata filters compare with the calling silo, which does not express "GPU silos only".
/// </summary>
public sealed class TrainingPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var device = target.RequestContextData?.GetValueOrDefault(SiloCapabilities.DeviceKey) as string;
        var candidates = context.GetCompatibleSilos(target)
            .Select(silo => (Silo: silo, Capabilities: SiloCapabilities.Of(metadata.GetSiloMetadata(silo))))
            .Where(c => c.Capabilities.Serves(SiloCapabilities.Requirement(device)))
            .ToArray();
        if (candidates.Length == 0)
        {
            throw new OrleansException($"no silo of this cluster serves device '{device}' (a GPU silo advertises Training:Accelerator=gpu)");
        }
        var pick = Random.Shared.Next(candidates.Sum(c => c.Capabilities.Slots));
        foreach (var (silo, capabilities) in candidates)
        {
            pick -= capabilities.Slots;
            if (pick < 0)
            {
                return Task.FromResult(silo);
            }
        }
        return Task.FromResult(candidates[^1].Silo);
    }
}
