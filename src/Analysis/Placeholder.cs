namespace CapacityGrid.Analysis;
