namespace CapacityGrid.Silo.Hosting;

/// <summary>The Orleans Dashboard of a standalone silo. Section <c>Dashboard</c>; off by default.</summary>
public sealed class GridDashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Serve the dashboard (it has no authentication of its own).</summary>
    public bool Enabled { get; set; }

    /// <summary>Where it listens: loopback unless configured otherwise.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";
}
