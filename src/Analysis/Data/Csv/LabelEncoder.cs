using System.Globalization;

namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>
/// Maps the distinct labels of a column to 0..K-1 in sorted order: numerically when every label is a
/// number, else ordinally as text. With scikit-learn class names, the integer targets index those names.
/// </summary>
internal static class LabelEncoder
{
    public static (int[] Labels, string[] Names) Encode(string path, string[] raw, int[] lines, string[]? sklearnClassNames)
    {
        var numeric = new double[raw.Length];
        var allNumeric = true;
        for (var i = 0; i < raw.Length && allNumeric; i++)
        {
            allNumeric = double.TryParse(raw[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numeric[i]) && double.IsFinite(numeric[i]);
        }
        var (labels, names) = allNumeric ? Numeric(numeric) : Text(raw);
        if (sklearnClassNames is not null)
        {
            names = ClassNames(path, raw, lines, numeric, allNumeric, labels, names.Length, sklearnClassNames);
        }
        if (names.Length < 2)
        {
            var where = lines.Length == 1 ? $"line {lines[0]}" : $"lines {lines[0]}-{lines[^1]}";
            throw new DataFormatException(path, where, $"every row has the label '{raw[0]}': a classifier needs at least 2 classes");
        }
        return (labels, names);
    }

    private static (int[], string[]) Numeric(double[] values)
    {
        var distinct = values.Distinct().Order().ToArray();
        var index = distinct.Select((v, k) => (v, k)).ToDictionary(p => p.v, p => p.k);
        return (values.Select(v => index[v]).ToArray(), distinct.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    private static (int[], string[]) Text(string[] values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = distinct.Select((v, k) => (v, k)).ToDictionary(p => p.v, p => p.k, StringComparer.Ordinal);
        return (values.Select(v => index[v]).ToArray(), distinct);
    }

    private static string[] ClassNames(string path, string[] raw, int[] lines, double[] numeric, bool allNumeric, int[] labels, int classes, string[] sklearnNames)
    {
        var names = new string[classes];
        for (var i = 0; i < raw.Length; i++)
        {
            var target = numeric[i];
            if (!allNumeric || target != Math.Floor(target) || target < 0 || target >= sklearnNames.Length)
            {
                throw new DataFormatException(path, $"line {lines[i]}", $"target '{raw[i]}' is not an index into the header's {sklearnNames.Length} class names");
            }
            names[labels[i]] = sklearnNames[(int)target];
        }
        return names;
    }
}
