using System.Globalization;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Storage;
using CapacityGrid.Grains.Training;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Bench.Grid;

/// <summary>
/// A private Azurite on free loopback ports and one silo in this process, configured as the product's silos
/// are (grain state in blobs, reminders in tables, slots, placement), training with
/// <see cref="FixedTimeTrainingEngine"/> (what the grid costs besides training) or, without one, with the
/// product's TorchSharp engine (<see cref="StartRealAsync"/>).
/// </summary>
public sealed class GridBenchHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly AzuriteLauncher _azurite;
    private readonly string _folder;

    private GridBenchHost(IHost host, AzuriteLauncher azurite, string folder, FixedTimeTrainingEngine? engine, int slots)
    {
        _host = host;
        _azurite = azurite;
        _folder = folder;
        Engine = engine;
        Slots = slots;
    }

    /// <summary>Grain references for the silo.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's trivial engine (its summed training time is the benchmark's ideal); null for the real engine.</summary>
    public FixedTimeTrainingEngine? Engine { get; }

    /// <summary>Training slots of the silo.</summary>
    public int Slots { get; }

    /// <summary>Starts Azurite and the silo.</summary>
    public static Task<GridBenchHost> StartAsync(FixedTimeTrainingEngine engine, int slots, int pointsInFlight) =>
        StartCoreAsync(engine, slots, pointsInFlight, new Dictionary<string, string?>());

    /// <summary>Starts Azurite and a silo that trains with the product's TorchSharp engine; <paramref name="settings"/> add configuration.</summary>
    public static Task<GridBenchHost> StartRealAsync(int slots, int pointsInFlight, IReadOnlyDictionary<string, string?> settings) =>
        StartCoreAsync(null, slots, pointsInFlight, settings);

    private static async Task<GridBenchHost> StartCoreAsync(
        FixedTimeTrainingEngine? engine, int slots, int pointsInFlight, IReadOnlyDictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("capgrid-bench-").FullName;
        var azurite = await AzuriteLauncher.StartOnFreePortsAsync(Path.Combine(folder, "azurite"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{GridStorageOptions.Section}:{nameof(GridStorageOptions.ConnectionString)}"] = azurite.ConnectionString,
            [$"{TrainingSlotOptions.Section}:{nameof(TrainingSlotOptions.Slots)}"] = slots.ToString(CultureInfo.InvariantCulture),
            [$"{TrainingSlotOptions.Section}:{nameof(TrainingSlotOptions.PointsInFlight)}"] = pointsInFlight.ToString(CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        if (engine is not null)
        {
            builder.Services.AddSingleton<ITrainingEngine>(engine);
        }
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort())
            .AddCapacityGrid(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new GridBenchHost(host, azurite, folder, engine, slots);
    }

    /// <summary>An experiment of <paramref name="points"/> points (one per seed) of <paramref name="epochs"/> epochs each on a tiny dataset.</summary>
    public static ExperimentSpec Spec(string name, int points, int epochs) => new(
        name,
        new DatasetSpec("teacher", InputDim: 4, TeacherHidden: [4], Classes: 2, Samples: 200, Seed: 1),
        new GridSpec([1], [1], [.. Enumerable.Range(1, points)]),
        new TrainingSpec(epochs));

    /// <summary>Polls the experiment until it completes; the time it was first seen complete.</summary>
    public async Task<ExperimentStatus> WaitAsync(string id, TimeSpan poll)
    {
        var experiment = Grains.GetGrain<IExperimentGrain>(id);
        while (true)
        {
            var status = await experiment.GetStatusAsync();
            if (status.State != ExperimentState.Running)
            {
                return status;
            }
            await Task.Delay(poll);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            await _azurite.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
