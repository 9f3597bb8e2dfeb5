using System.CommandLine;
using CapacityGrid.Client.Connection;

namespace CapacityGrid.Client.Cli;

/// <summary>Options every command that reaches storage or the grid takes: where storage is, and which cluster (if any).</summary>
public sealed class GlobalOptions
{
    /// <summary>Azure Storage connection string.</summary>
    public Option<string?> Storage { get; } = new("--storage") { Description = "Azure Storage connection string (default: $Storage__ConnectionString, else UseDevelopmentStorage=true: Azurite on 127.0.0.1, started if silent)" };

    /// <summary>Folder for the embedded mode's storage.</summary>
    public Option<DirectoryInfo> Data { get; } = new("--data") { Description = "Folder for Azurite's data when capgrid starts it", DefaultValueFactory = _ => new DirectoryInfo(".capgrid") };

    /// <summary>Cluster id of running silos.</summary>
    public Option<string?> Cluster { get; } = new("--cluster") { Description = "Connect to the running silos of this cluster id (default: $Cluster__ClusterId; none: host a silo in this process)" };

    /// <summary>Service id of the cluster.</summary>
    public Option<string> ServiceId { get; } = new("--service-id") { Description = "The cluster's service id", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Cluster__ServiceId") ?? "capgrid" };

    /// <summary>Slots of the embedded silo.</summary>
    public Option<int?> Slots { get; } = new("--slots") { Description = "Trainings the embedded silo runs at once (default: one per two cores)" };

    /// <summary>How long connecting to a cluster may take.</summary>
    public Option<int> ConnectTimeout { get; } = new("--connect-timeout") { Description = "Seconds connecting to a cluster may take (a busy or recovering cluster can be slow to answer)", DefaultValueFactory = _ => 60 };

    /// <summary>Show Orleans' logs.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show the silo's or client's logs" };

    /// <summary>
    /// Adds the options to <paramref name="commands"/>, the ones that reach storage or a cluster; local-only
    /// commands (measure, recommend) do not list them.
    /// </summary>
    public void AddTo(IEnumerable<Command> commands)
    {
        foreach (var command in commands)
        {
            foreach (var option in new Option[] { Storage, Data, Cluster, ServiceId, Slots, ConnectTimeout, Verbose })
            {
                command.Options.Add(option);
            }
        }
    }

    /// <summary>
    /// Adds only where storage is (<c>--storage</c>, <c>--data</c>) to <paramref name="command"/>, for a command that
    /// reads storage but never connects to a cluster; read them with <see cref="ReadStorage"/>.
    /// </summary>
    public void AddStorageTo(Command command)
    {
        command.Options.Add(Storage);
        command.Options.Add(Data);
    }

    /// <summary>The storage the parsed options describe (for a command given <see cref="AddStorageTo"/>).</summary>
    public ConnectionOptions ReadStorage(ParseResult parse) => new(
        parse.GetValue(Storage) ?? Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? "UseDevelopmentStorage=true",
        parse.GetValue(Data)!.FullName,
        Cluster: null,
        ServiceId: "capgrid",
        Slots: null,
        Verbose: false,
        ConnectTimeout: TimeSpan.FromSeconds(60));

    /// <summary>The connection the parsed options describe.</summary>
    /// <exception cref="Grains.Abstractions.Experiments.SpecException">An option's value cannot be used.</exception>
    public ConnectionOptions Read(ParseResult parse)
    {
        if (parse.GetValue(Slots) is < 1 and var slots)
        {
            throw new Grains.Abstractions.Experiments.SpecException("--slots", $"must be at least 1 (got {slots})");
        }
        if (parse.GetValue(ConnectTimeout) is < 1 and var seconds)
        {
            throw new Grains.Abstractions.Experiments.SpecException("--connect-timeout", $"must be at least 1 second (got {seconds})");
        }
        return new ConnectionOptions(
            parse.GetValue(Storage) ?? Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? "UseDevelopmentStorage=true",
            parse.GetValue(Data)!.FullName,
            parse.GetValue(Cluster) ?? Environment.GetEnvironmentVariable("Cluster__ClusterId"),
            parse.GetValue(ServiceId)!,
            parse.GetValue(Slots),
            parse.GetValue(Verbose),
            TimeSpan.FromSeconds(parse.GetValue(ConnectTimeout)));
    }
}
