using CapacityGrid.Analysis.Training.Trainers;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CapacityGrid.Grains.Placement;

/// <summary>What a silo advertises in its silo metadata: its accelerator (<c>cpu</c> or <c>gpu</c>) and its training slots.</summary>
public sealed record SiloCapabilities(AcceleratorKind Accelerator, int Slots)
{
    /// <summary>Metadata key of the accelerator.</summary>
    public const string AcceleratorKey = "capgrid.accelerator";

    /// <summary>Metadata key of the slot count.</summary>
    public const string SlotsKey = "capgrid.slots";

    /// <summary>Request-context key carrying a point's device requirement (its spec word) to placement.</summary>
    public const string DeviceKey = "capgrid.device";

    /// <summary>True when this silo can train a point that asks for <paramref name="device"/> (<c>cuda</c> needs a GPU silo).</summary>
    public bool Serves(DeviceKind device) => device switch
    {
        DeviceKind.Cuda => Accelerator == AcceleratorKind.Gpu,
        _ => true,
    };

    /// <summary>
    /// The device a point's spec word asks for. Absent, or a word no device has (the spec is refused before it trains),
    /// asks for nothing in particular: <see cref="DeviceKind.Auto"/>.
    /// </summary>
    public static DeviceKind Requirement(string? device) => DeviceKinds.TryParse(device, out var kind) ? kind : DeviceKind.Auto;

    /// <summary>Reads a silo's metadata; a silo that advertises nothing (or no accelerator word) counts as one CPU slot.</summary>
    public static SiloCapabilities Of(SiloMetadata? metadata)
    {
        var values = metadata?.Metadata;
        var accelerator = AcceleratorKinds.TryParse(values?.GetValueOrDefault(AcceleratorKey), out var kind) ? kind : AcceleratorKind.Cpu;
        var slots = int.TryParse(values?.GetValueOrDefault(SlotsKey), out var s) && s > 0 ? s : 1;
        return new SiloCapabilities(accelerator, slots);
    }
}
