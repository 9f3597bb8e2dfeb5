namespace CapacityGrid.Grains;
