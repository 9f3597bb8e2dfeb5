namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>A dataset read from a CSV file, with the names its labels and features had there.</summary>
/// <param name="Data">Features and labels; label k is <see cref="ClassNames"/>[k].</param>
/// <param name="ClassNames">The distinct labels in sorted order (numerically when all are integers), or the sklearn header's class names.</param>
/// <param name="FeatureNames">Header names of the feature columns, or <c>x0</c>, <c>x1</c>, ... without a header.</param>
/// <param name="LabelName">Header name of the label column, or its index without a header.</param>
/// <param name="Header">The header mode used (never <see cref="CsvHeaderMode.Auto"/>).</param>
public sealed record CsvDataset(
    TabularData Data,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> FeatureNames,
    string LabelName,
    CsvHeaderMode Header);
