namespace CapacityGrid.Silo.Hosting;

/// <summary>How a standalone silo joins its cluster. Section <c>Cluster</c>.</summary>
public sealed class GridClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "capgrid";

    /// <summary>Identifies the service across cluster restarts (grain state is keyed by it).</summary>
    public string ServiceId { get; set; } = "capgrid";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address this silo listens on and advertises to the others. Loopback by default, so nothing is
    /// reachable from outside the machine unless configured; set the machine's address for a multi-machine cluster.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary><c>azure</c> (Azure Table membership, the default) or <c>localhost</c> (a single silo for development).</summary>
    public string Membership { get; set; } = "azure";
}
