namespace CapacityGrid.Client.Cli;

/// <summary>Ctrl-C or SIGTERM stopped a command that follows an experiment.</summary>
public sealed class ExperimentInterruptedException(string experimentId, bool embedded, CancellationToken token, int? servedBy = null)
    : OperationCanceledException($"following experiment {experimentId} was interrupted", token)
{
    /// <summary>The experiment that was being followed.</summary>
    public string ExperimentId { get; } = experimentId;

    /// <summary>True when the experiment ran on this process's silo (so it stopped too, and needs a resume).</summary>
    public bool Embedded { get; } = embedded;

    /// <summary>The other capgrid process whose embedded silo runs the experiment, if one does.</summary>
    public int? ServedBy { get; } = servedBy;

    /// <summary>The one line telling the user how to go on.</summary>
    public string Hint => Embedded
        ? $"stopped; points keep their last checkpoint; continue with 'capgrid resume {ExperimentId}'"
        : $"stopped following; the experiment goes on in {(ServedBy is { } pid ? $"capgrid process {pid}" : "its cluster")}; follow it again with 'capgrid watch {ExperimentId}'";
}
