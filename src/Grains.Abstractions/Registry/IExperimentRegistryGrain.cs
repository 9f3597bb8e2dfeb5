namespace CapacityGrid.Grains.Abstractions.Registry;

/// <summary>The list of every experiment submitted to this service (key 0).</summary>
public interface IExperimentRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records a new experiment; adding one already listed is a no-op.</summary>
    Task AddAsync(ExperimentEntry entry);

    /// <summary>Every experiment, oldest first.</summary>
    Task<IReadOnlyList<ExperimentEntry>> ListAsync();
}
