using CapacityGrid.Grains.Abstractions.Registry;
using CapacityGrid.Grains.Storage;

namespace CapacityGrid.Grains.Registry;

/// <summary>Keeps the list of experiments; written once per new experiment, never per point or epoch.</summary>
public sealed class ExperimentRegistryGrain(
    [PersistentState("registry", StorageNames.GrainState)] IPersistentState<ExperimentRegistryState> state) : Grain, IExperimentRegistryGrain
{
    /// <inheritdoc />
    public async Task AddAsync(ExperimentEntry entry)
    {
        if (state.State.Experiments.Any(e => e.ExperimentId == entry.ExperimentId))
        {
            return;
        }
        state.State.Experiments.Add(entry);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<ExperimentEntry>>(state.State.Experiments.ToArray());
}

/// <summary>The registry's persistent state.</summary>
[GenerateSerializer, Alias("capacitygrid.experiment-registry-state")]
public sealed class ExperimentRegistryState
{
    /// <summary>Every experiment, oldest first.</summary>
    [Id(0)] public List<ExperimentEntry> Experiments { get; set; } = [];
}
