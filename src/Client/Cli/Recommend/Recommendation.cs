using CapacityGrid.Analysis.Capacity;

namespace CapacityGrid.Client.Cli.Recommend;

/// <summary>What <c>capgrid recommend</c> prints (and writes as JSON with <c>--json</c>).</summary>
/// <param name="Dataset">The dataset's description.</param>
/// <param name="TrainSamples">Rows of the training part.</param>
/// <param name="Probe">The over-sized probe model, e.g. <c>12-256-256-4 relu</c>.</param>
/// <param name="ProbeEpochs">Epochs the probe trained.</param>
/// <param name="ProbeTestAccuracy">The probe's final test accuracy.</param>
/// <param name="Layers">Per hidden layer: the recommended width and its evidence.</param>
/// <param name="Hidden">The recommended hidden widths.</param>
/// <param name="Parameters">Parameters of the recommended model.</param>
/// <param name="ProbeParameters">Parameters of the probe model.</param>
/// <param name="Compute">Compute used against a full sweep.</param>
/// <param name="Verification">The small grid around the recommendation (null without <c>--verify</c>).</param>
/// <param name="HalfProbe">The half-width probe, e.g. <c>12-16-16-4 relu</c>.</param>
/// <param name="HalfProbeTestAccuracy">Its final test accuracy.</param>
/// <param name="Depth">The recommended number of hidden layers.</param>
/// <param name="DepthReason">Why that depth (or that it was fixed with <c>--depth</c>).</param>
/// <param name="Bottleneck">The layer named the bottleneck (fc1, fc2, ...).</param>
/// <param name="BottleneckReason">Why that layer.</param>
/// <param name="Law">The capacity law's prior (null without <c>--law</c>).</param>
/// <param name="LawNote">What the law predicted and changed (null without <c>--law</c>).</param>
/// <param name="VerifyNote">What the star cut to fit the budget, or why it was not trained (null without <c>--verify</c>).</param>
public sealed record Recommendation(
    string Dataset,
    int TrainSamples,
    string Probe,
    int ProbeEpochs,
    double ProbeTestAccuracy,
    IReadOnlyList<LayerRecommendation> Layers,
    int[] Hidden,
    long Parameters,
    long ProbeParameters,
    ComputeComparison Compute,
    Verification? Verification,
    string? HalfProbe = null,
    double? HalfProbeTestAccuracy = null,
    int Depth = 0,
    string? DepthReason = null,
    string? Bottleneck = null,
    string? BottleneckReason = null,
    string? VerifyNote = null,
    LawPrior? Law = null,
    string? LawNote = null);

/// <summary>Compute of the recommendation against a full sweep of a grid, in sample-epochs and multiply-adds.</summary>
/// <param name="ProbeSampleEpochs">Training samples x epochs the probe trained.</param>
/// <param name="ProbeMultiplyAdds">Multiply-adds of training the probe (3 forward passes per sample).</param>
/// <param name="VerifySampleEpochs">Sample-epochs of the verification grid (0 without it).</param>
/// <param name="VerifyMultiplyAdds">Multiply-adds of the verification grid.</param>
/// <param name="Sweep">Which grid the sweep is: the default grid or a spec file's.</param>
/// <param name="SweepPoints">Points of that sweep.</param>
/// <param name="SweepSampleEpochs">Its sample-epochs, on this dataset's training part.</param>
/// <param name="SweepMultiplyAdds">Its multiply-adds.</param>
/// <param name="Fraction">(probe + verification) multiply-adds / sweep multiply-adds.</param>
/// <param name="Budget">Where the probe's budget came from: a share of the sweep or a stated number.</param>
/// <param name="BudgetMultiplyAdds">The probe's budget in training multiply-adds.</param>
/// <param name="ProbeRows">Training rows the probe trained on.</param>
public sealed record ComputeComparison(
    long ProbeSampleEpochs,
    double ProbeMultiplyAdds,
    long VerifySampleEpochs,
    double VerifyMultiplyAdds,
    string Sweep,
    int SweepPoints,
    long SweepSampleEpochs,
    double SweepMultiplyAdds,
    double Fraction,
    string Budget,
    double BudgetMultiplyAdds,
    int ProbeRows);

/// <summary>
/// The verification star: the recommendation and each layer alone halved and doubled, two seeds each, and its knee.
/// </summary>
/// <param name="Shapes">Each shape's accuracies, the recommendation first.</param>
/// <param name="Knee">The knee of these shapes (hidden widths joined by '-').</param>
/// <param name="Confirmed">
/// True when the recommendation is on the plateau: its mean test accuracy is within the tolerance of the best shape's.
/// </param>
/// <param name="Tolerance">The knee's tolerance: 0.5 pp or the best shape's seed spread.</param>
/// <param name="Seeds">Seeds per shape.</param>
/// <param name="Epochs">Epochs per model.</param>
/// <param name="Rows">Training rows per model.</param>
public sealed record Verification(IReadOnlyList<VerifiedShape> Shapes, string Knee, bool Confirmed, double Tolerance, int Seeds = 2, int Epochs = 0, int Rows = 0);

/// <summary>One shape of the verification star.</summary>
/// <param name="Scale">0.5, 1 or 2: the factor on <paramref name="Layer"/>.</param>
/// <param name="Hidden">Its hidden widths.</param>
/// <param name="Parameters">Its parameter count.</param>
/// <param name="TestAccuracies">Final test accuracy per seed.</param>
/// <param name="MeanTestAccuracy">Their mean.</param>
/// <param name="Layer">The 0-based hidden layer scaled; null for the recommendation itself.</param>
public sealed record VerifiedShape(double Scale, int[] Hidden, long Parameters, double[] TestAccuracies, double MeanTestAccuracy, int? Layer = null);
