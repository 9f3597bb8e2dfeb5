using System.Reflection;
using CapacityGrid.Client.Cli.Experiments;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>What capgrid can call on a grain: the calls clients make, none of the grains' reports to one another.</summary>
public sealed class ReachableGrainInterfacesTests
{
    [Fact]
    public void GrainInterfaces_TheClientCanReach_HoldOnlyTheCallsClientsMake()
    {
        string[] clientCalls =
        [
            "IAnalysisGrain.BuildCapacityMapAsync",
            "IExperimentGrain.CancelAsync",
            "IExperimentGrain.GetPointsAsync",
            "IExperimentGrain.GetSpecAsync",
            "IExperimentGrain.GetStatusAsync",
            "IExperimentGrain.StartAsync",
            "IExperimentRegistryGrain.AddAsync",
            "IExperimentRegistryGrain.ListAsync",
            "ITrainerGrain.CancelAsync",
            "ITrainerGrain.EnsureRunningAsync",
            "ITrainerGrain.GetResultAsync",
            "ITrainerGrain.StartAsync",
        ];

        var reachable = ProjectAssemblies(typeof(ExperimentCommands).Assembly)
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods().Select(m => $"{t.Name}.{m.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(clientCalls, reachable);
    }

    // capgrid and every assembly of this repository it references, directly or through the embedded silo.
    private static IEnumerable<Assembly> ProjectAssemblies(Assembly root)
    {
        var seen = new Dictionary<string, Assembly> { [root.GetName().Name!] = root };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("CapacityGrid.", StringComparison.Ordinal)))
            {
                if (!seen.ContainsKey(name.Name!))
                {
                    seen[name.Name!] = Assembly.Load(name);
                    pending.Enqueue(seen[name.Name!]);
                }
            }
        }
        return seen.Values;
    }
}
