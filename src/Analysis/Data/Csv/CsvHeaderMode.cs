namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>What the first line of a CSV file holds.</summary>
public enum CsvHeaderMode
{
    /// <summary>
    /// Decide from the file: <see cref="Sklearn"/> when line 1 is a scikit-learn header that matches the
    /// file's shape, <see cref="Names"/> when line 1 holds a non-numeric feature (or the only non-numeric
    /// label) or the label is given by name, otherwise <see cref="None"/>.
    /// </summary>
    Auto = 0,

    /// <summary>No header: line 1 is data.</summary>
    None = 1,

    /// <summary>Line 1 names the columns.</summary>
    Names = 2,

    /// <summary>
    /// scikit-learn's <c>n_samples,n_features,class name,...</c> (as in its bundled iris.csv and wine_data.csv):
    /// the data rows hold the features and then an integer target, which indexes the class names.
    /// </summary>
    Sklearn = 3,
}
