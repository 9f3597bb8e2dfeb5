namespace CapacityGrid.Client.Cli;

/// <summary>The CLI's exit codes (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The experiment ran, but some points failed.</summary>
    public const int PointsFailed = 1;

    /// <summary>Bad input: a command line, spec or dataset that cannot be used. Nothing was created.</summary>
    public const int BadInput = 2;

    /// <summary>Storage or the cluster cannot be reached or started, a silo cannot start, or a required local tool (Azurite, plotly.js) is missing.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Cancelled = 130;
}
