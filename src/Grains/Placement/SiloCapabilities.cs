using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CapacityGrid.Grains.Placement;

/// <summary>What a silo advertises in its silo metadata: its accelerator (<c>cpu</c> or <c>gpu</c>) and its training slots.</summary>
public sealed record SiloCapabilities(string Accelerator, int Slots)
{
    /// <summary>Metadata key of the accelerator.</summary>
    public const string AcceleratorKey = "capgrid.accelerator";

    /// <summary>Metadata key of the slot count.</summary>
    public const string SlotsKey = "capgrid.slots";

    /// <summary>Request-context key carrying a point's device requirement to placement.</summary>
    public const string DeviceKey = "capgrid.device";

    /// <summary>True when this silo can train a point that asks for <paramref name="device"/> (<c>cuda</c> needs a GPU silo).</summary>
    public bool Serves(string? device) => device != "cuda" || Accelerator == "gpu";

    /// <summary>Reads a silo's metadata; a silo that advertises nothing counts as one CPU slot.</summary>
    public static SiloCapabilities Of(SiloMetadata? metadata)
    {
        var values = metadata?.Metadata;
        var accelerator = values?.GetValueOrDefault(AcceleratorKey) ?? "cpu";
        var slots = int.TryParse(values?.GetValueOrDefault(SlotsKey), out var s) && s > 0 ? s : 1;
        return new SiloCapabilities(accelerator, slots);
    }
}
