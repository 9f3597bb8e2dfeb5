using CapacityGrid.Analysis.Data;
using CapacityGrid.Grains.Abstractions.Experiments;
using CapacityGrid.Grains.Datasets;
using CapacityGrid.Grains.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CapacityGrid.Grains.Sizing;

/// <summary>
/// The experiment grain's check at submit: refuses a spec with a point that can never train on this silo's slots
/// (<see cref="SizeLimits"/>), before anything of the experiment is stored, and logs the warnings.
/// </summary>
public sealed partial class GridSizeCheck(DatasetCache datasets, IOptions<TrainingSlotOptions> options, ILogger<GridSizeCheck> logger)
{
    /// <summary>Throws a <see cref="SpecException"/> when a point is over a limit, or the data file cannot be read.</summary>
    public async Task CheckAsync(string experimentId, ExperimentSpec spec)
    {
        if (DataShape.FromSpec(spec.Dataset) is not { } shape)
        {
            try
            {
                // File data: its shape is known once read; the trainers of this silo share the read copy.
                shape = DataShape.Of(await datasets.GetAsync(spec.Dataset));
            }
            catch (Exception e) when (e is DataFormatException or ArgumentException)
            {
                throw new SpecException("dataset.path", e.Message.ReplaceLineEndings(" "));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file not reachable yet may be soon (a mount coming up): the points retry it, unsized.
                LogUnsized(experimentId, e.Message);
                return;
            }
        }
        var o = options.Value;
        foreach (var warning in SizeLimits.Check(GridEstimate.Of(spec, shape), o.SlotMemoryLimit(), o.SlotMemorySource()))
        {
            LogLarge(experimentId, warning);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Experiment {ExperimentId}: {Warning}")]
    private partial void LogLarge(string experimentId, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} is not sized at submit: its data cannot be read yet ({Problem})")]
    private partial void LogUnsized(string experimentId, string problem);
}
