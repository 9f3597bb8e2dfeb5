using System.CommandLine;
using CapacityGrid.Silo.Hosting;
using CapacityGrid.Silo.Storage;
using Microsoft.Extensions.Hosting;

namespace CapacityGrid.Client.Cli;

/// <summary>
/// <c>capgrid silo</c>: runs one standalone silo in this process until Ctrl-C, exactly as <c>dotnet run --project src/Silo</c>
/// does (Azure Table membership in the storage), with Azurite started first when the storage is on loopback and silent.
/// </summary>
public static class SiloCommand
{
    /// <summary>The cluster id when neither --cluster nor $Cluster__ClusterId gives one (as infra/cluster.sh).</summary>
    public const string DefaultClusterId = "local";

    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global, TextWriter output, TextWriter error)
    {
        var siloPort = new Option<int>("--silo-port") { Description = "Port for silo-to-silo traffic", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to", DefaultValueFactory = _ => 30000 };
        var address = new Option<string>("--address") { Description = "The address the silo advertises and listens on (loopback unless you give the machine's)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("silo", "Run a standalone silo that joins a cluster (--cluster, default 'local') until Ctrl-C") { siloPort, gatewayPort, address };
        command.SetAction(async (parse, ct) =>
        {
            Connection.ConnectionOptions options;
            try
            {
                options = global.Read(parse);
                foreach (var (name, port) in new[] { ("--silo-port", parse.GetValue(siloPort)), ("--gateway-port", parse.GetValue(gatewayPort)) })
                {
                    if (port is < 1 or > 65535)
                    {
                        throw new Grains.Abstractions.Experiments.SpecException(name, $"must be a port number 1-65535 (got {port})");
                    }
                }
            }
            catch (Grains.Abstractions.Experiments.SpecException e)
            {
                await error.WriteLineAsync($"capgrid: {e.Message}");
                return ExitCodes.BadInput;
            }
            var cluster = options.Cluster ?? DefaultClusterId;
            AzuriteLauncher azurite;
            try
            {
                azurite = await AzuriteLauncher.EnsureAsync(options.Storage, Path.Combine(options.DataFolder, "azurite"), m => error.WriteLine($"capgrid: {m}"), ct);
            }
            catch (Exception e) when (e is AzuriteUnavailableException or FormatException)
            {
                await error.WriteLineAsync($"capgrid: storage: {e.Message}");
                return ExitCodes.Unavailable;
            }
            await using (azurite)
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Storage:ConnectionString"] = azurite.ConnectionString,
                    ["Cluster:ClusterId"] = cluster,
                    ["Cluster:ServiceId"] = options.ServiceId,
                    ["Cluster:SiloPort"] = $"{parse.GetValue(siloPort)}",
                    ["Cluster:GatewayPort"] = $"{parse.GetValue(gatewayPort)}",
                    ["Cluster:AdvertisedAddress"] = parse.GetValue(address),
                };
                if (options.Slots is { } slots)
                {
                    settings["Training:Slots"] = $"{slots}";
                }
                if (!options.Verbose)
                {
                    settings["Logging:LogLevel:Default"] = "Warning";
                }
                using var host = SiloHost.Build([], settings);
                try
                {
                    await host.StartAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await error.WriteLineAsync($"capgrid: silo: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    return ExitCodes.Unavailable;
                }
                await error.WriteLineAsync($"capgrid: silo of cluster '{cluster}' (service '{options.ServiceId}') up, gateway {parse.GetValue(address)}:{parse.GetValue(gatewayPort)}; Ctrl-C stops it");
                await output.WriteLineAsync(cluster);
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    await error.WriteLineAsync("capgrid: stopping the silo");
                }
                await host.StopAsync(CancellationToken.None);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
