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

    /// <summary><c>azure</c> (Azure Table membership, the default) or <c>localhost</c> (a single silo for development).</summary>
    public string Membership { get; set; } = "azure";
}
