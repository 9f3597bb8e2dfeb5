namespace CapacityGrid.Analysis.Capacity.Law;

/// <summary>
/// The power law capacity = coefficient x estimate^exponent fitted across experiments (least squares in log-log), and how
/// well it predicts each experiment it was not fitted on.
/// </summary>
/// <param name="Estimate">The dataset estimate.</param>
/// <param name="Experiments">How many experiments had it.</param>
/// <param name="Coefficient">The fitted coefficient (null when the fit is undefined: see <paramref name="Reason"/>).</param>
/// <param name="Exponent">The fitted exponent.</param>
/// <param name="RSquared">The share of the log capacity's variance the fit explains.</param>
/// <param name="MeanLeaveOneOutSteps">Mean |log(predicted / knee)| in the experiments' grid steps, each predicted by the
/// law fitted without it.</param>
/// <param name="MaxLeaveOneOutSteps">The largest of those errors.</param>
/// <param name="Residuals">Each experiment's leave-one-out prediction.</param>
/// <param name="Reason">Why no fit was made, else null.</param>
public sealed record LawFit(
    string Estimate,
    int Experiments,
    double? Coefficient,
    double? Exponent,
    double? RSquared,
    double? MeanLeaveOneOutSteps,
    double? MaxLeaveOneOutSteps,
    IReadOnlyList<LawResidual> Residuals,
    string? Reason = null)
{
    /// <summary>The capacity the law predicts for <paramref name="estimate"/>.</summary>
    public double? Predict(double estimate) => Coefficient is { } c && Exponent is { } b ? c * Math.Pow(estimate, b) : null;
}

/// <summary>One experiment's knee against the law fitted on the others.</summary>
/// <param name="Experiment">The experiment id.</param>
/// <param name="Estimate">Its dataset's estimate.</param>
/// <param name="Knee">Its knee's capacity.</param>
/// <param name="Predicted">What the law fitted without it predicts.</param>
/// <param name="Steps">|log(predicted / knee)| / log(step factor): how many grid steps the prediction is off.</param>
public sealed record LawResidual(string Experiment, double Estimate, double Knee, double Predicted, double Steps);
