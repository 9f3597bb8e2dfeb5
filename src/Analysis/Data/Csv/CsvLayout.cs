using System.Globalization;

namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>
/// Where a CSV file's data starts, how many columns each data row has, which one is the label, and what the
/// header said: decided from the first rows and <see cref="CsvOptions"/>.
/// </summary>
internal sealed record CsvLayout(
    CsvHeaderMode Header,
    int Columns,
    string ColumnsReason,
    int LabelColumn,
    string LabelName,
    string[] FeatureNames,
    string[]? SklearnClassNames,
    int FirstDataRow)
{

    public static CsvLayout Detect(string path, IReadOnlyList<CsvRow> rows, CsvOptions options)
    {
        var first = rows[0];
        var header = options.Header switch
        {
            CsvHeaderMode.Auto => DetectHeader(rows, options.Label),
            var explicitMode => explicitMode,
        };
        if (header == CsvHeaderMode.Sklearn)
        {
            return Sklearn(path, rows, options);
        }
        if (rows.Count <= (header == CsvHeaderMode.None ? 0 : 1))
        {
            throw new DataFormatException(path, $"line {first.Line}", "the file has a header but no data rows");
        }
        var names = header == CsvHeaderMode.Names ? first.Fields : null;
        var columns = names?.Length ?? first.Fields.Length;
        var reason = names is null ? $"line {first.Line} has {columns}" : $"the header names {columns}";
        var label = FindLabelColumn(path, first.Line, options.Label, columns, names, header);
        var featureNames = Enumerable.Range(0, columns).Where(c => c != label)
            .Select((c, j) => names is null || names[c].Length == 0 ? $"x{j}" : names[c]).ToArray();
        var labelName = names is null ? $"column {label}" : names[label];
        return new CsvLayout(header, columns, reason, label, labelName, featureNames, null, header == CsvHeaderMode.None ? 0 : 1);
    }

    private static CsvHeaderMode DetectHeader(IReadOnlyList<CsvRow> rows, string? label)
    {
        if (LooksLikeSklearn(rows))
        {
            return CsvHeaderMode.Sklearn;
        }
        if (label is not null && !IsIndex(label, out _))
        {
            return CsvHeaderMode.Names;
        }
        var first = rows[0].Fields;
        var labelColumn = label is null ? first.Length - 1 : IsIndex(label, out var i) ? i : -1;
        for (var c = 0; c < first.Length; c++)
        {
            // An empty field says nothing: it is more likely a missing value than a column name.
            if (c != labelColumn && first[c].Length > 0 && !IsNumber(first[c]))
            {
                return CsvHeaderMode.Names;
            }
        }
        // Numeric features under a header such as "1,2,3,class": only line 1 has a non-numeric label.
        if (labelColumn >= 0 && labelColumn < first.Length && !IsNumber(first[labelColumn]) && rows.Count > 1
            && rows.Skip(1).All(r => labelColumn < r.Fields.Length && IsNumber(r.Fields[labelColumn])))
        {
            return CsvHeaderMode.Names;
        }
        return CsvHeaderMode.None;
    }

    // "n_samples,n_features[,class names]" whose counts match the file exactly: no plain data row passes all of that.
    // Or scikit-learn's regression form (boston_house_prices.csv): "n_samples,n_features" with empty fields after
    // the counts, line 2 naming every column, then exactly n_samples rows.
    private static bool LooksLikeSklearn(IReadOnlyList<CsvRow> rows) =>
        rows.Count > 1
        && rows[0].Fields is [var samples, var features, .. var classNames]
        && int.TryParse(samples, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && int.TryParse(features, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && ((n == rows.Count - 1 && d + 1 == rows[1].Fields.Length && classNames.All(name => name.Length > 0 && !IsNumber(name)))
            || (classNames.All(name => name.Length == 0) && HasNamesLine(rows, n, d)));

    // Line 2 names the d features and the target (none of them a number) and n data rows follow it.
    private static bool HasNamesLine(IReadOnlyList<CsvRow> rows, int n, int d) =>
        rows.Count > 2 && n == rows.Count - 2 && rows[1].Fields.Length == d + 1 && rows[2].Fields.Length == d + 1
        && rows[1].Fields.All(name => name.Length > 0 && !IsNumber(name));

    private static CsvLayout Sklearn(string path, IReadOnlyList<CsvRow> rows, CsvOptions options)
    {
        var first = rows[0];
        if (first.Fields is not [var samples, var features, .. var classNames]
            || !int.TryParse(samples, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !int.TryParse(features, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1)
        {
            throw new DataFormatException(path, $"line {first.Line}", $"a scikit-learn header is 'n_samples,n_features,class names...' (got '{string.Join(',', first.Fields)}')");
        }
        if (classNames.All(name => name.Length == 0) && HasNamesLine(rows, n, d))
        {
            var names = rows[1].Fields;
            var target = FindLabelColumn(path, rows[1].Line, options.Label, d + 1, names, CsvHeaderMode.Sklearn);
            var named = Enumerable.Range(0, d + 1).Where(c => c != target).Select(c => names[c]).ToArray();
            return new CsvLayout(CsvHeaderMode.Sklearn, d + 1, $"the scikit-learn header announces {d} features and a target, named on line {rows[1].Line}",
                target, names[target], named, null, 2);
        }
        if (n != rows.Count - 1)
        {
            throw new DataFormatException(path, $"line {first.Line}", $"the scikit-learn header announces {n} samples, but {rows.Count - 1} data rows follow");
        }
        var columns = d + 1;
        if (options.Label is { } label && (!IsIndex(label, out var index) || index != d))
        {
            throw new DataFormatException(path, $"line {first.Line}", $"in a scikit-learn file the label is the last column ({d}), not '{label}'");
        }
        var featureNames = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        return new CsvLayout(CsvHeaderMode.Sklearn, columns, $"the scikit-learn header announces {d} features and a target", d, "target", featureNames,
            classNames.Length > 0 ? classNames : null, 1);
    }

    private static int FindLabelColumn(string path, int line, string? label, int columns, string[]? names, CsvHeaderMode header)
    {
        if (columns < 2)
        {
            throw new DataFormatException(path, $"line {line}", $"a dataset needs at least one feature column and a label column (found {columns} column)");
        }
        if (label is null)
        {
            return columns - 1;
        }
        if (IsIndex(label, out var index))
        {
            return index < columns
                ? index
                : throw new DataFormatException(path, $"line {line}", $"label column {index} does not exist: rows have {columns} columns (0-{columns - 1})");
        }
        if (names is null)
        {
            throw new DataFormatException(path, $"line {line}", $"the label column is named '{label}', but the file has no header row (header mode {header.ToString().ToLowerInvariant()})");
        }
        var found = Array.IndexOf(names, label);
        return found >= 0
            ? found
            : throw new DataFormatException(path, $"line {line}", $"no column named '{label}' (columns: {string.Join(", ", names)})");
    }

    /// <summary>Digits only: a 0-based column index.</summary>
    public static bool IsIndex(string label, out int index) =>
        int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    /// <summary>A number the feature parser would read (NaN and infinities included: they are refused later, with a clear message).</summary>
    public static bool IsNumber(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
