namespace CapacityGrid.Grains.Abstractions;
