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

    /// <summary>
    /// Before the silo starts, mark <c>Dead</c> the membership rows of this cluster that claim a live silo whose silo
    /// endpoint refuses TCP connections on every attempt for about 3 s (true by default). Without it, after the whole
    /// cluster was killed (kill -9, power loss) no one marks the dead members dead and a restarted silo pings them until
    /// Orleans' MaxJoinAttemptTime (5 min) and then fails to start. Safe on loopback and a LAN: a refused connection
    /// means no process listens on that address and port (a live or frozen silo accepts connections), and a row that
    /// changed meanwhile is not touched (ETag). The risk is a network that answers for a host it cannot reach (a
    /// firewall sending resets, a NAT): a live silo behind such a partition would be marked dead and has to restart to
    /// rejoin. Probes that time out never mark anything.
    /// </summary>
    public bool ReclaimDeadMembersOnStart { get; set; } = true;
}
