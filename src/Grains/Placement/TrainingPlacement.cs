using Orleans.Placement;

namespace CapacityGrid.Grains.Placement;

/// <summary>Places trainer grains by device requirement and training slots (see <see cref="TrainingPlacementDirector"/>).</summary>
[GenerateSerializer, Immutable, Alias("capacitygrid.training-placement")]
public sealed class TrainingPlacementStrategy : PlacementStrategy;

/// <summary>Marks a grain class to be placed by <see cref="TrainingPlacementDirector"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TrainingPlacementAttribute() : PlacementAttribute(new TrainingPlacementStrategy());
