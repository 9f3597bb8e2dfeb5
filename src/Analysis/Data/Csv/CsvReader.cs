using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CapacityGrid.Analysis.Data.Csv;

/// <summary>
/// Reads a labelled dataset from a CSV file, plain or gzip-compressed (recognised by its magic bytes):
/// numeric features and one label column, with the header detected or given by <see cref="CsvOptions"/>.
/// Blank lines are skipped. Fields are separated by commas; a file whose first row holds no comma but several
/// fields apart by spaces or tabs (as scikit-learn's raw diabetes file) is read as whitespace-separated throughout (a
/// one-column CSV cannot be a dataset, so nothing else reads that way). Every error is a
/// <see cref="DataFormatException"/> naming the file and the line.
/// </summary>
public static class CsvReader
{
    private static readonly char[] Blanks = [' ', '\t'];

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">
    /// A ragged row, a feature that is empty, NaN, infinite or not a number, an empty label, a missing label
    /// column, a single class, a scikit-learn header that does not fit, or a corrupt gzip stream.
    /// </exception>
    public static CsvDataset Load(string path, CsvOptions? options = null)
    {
        options ??= CsvOptions.Default;
        var rows = ReadRows(path);
        if (rows.Count == 0)
        {
            throw new DataFormatException(path, "line 1", "the file holds no rows");
        }
        var layout = CsvLayout.Detect(path, rows, options);
        var samples = rows.Count - layout.FirstDataRow;
        var d = layout.Columns - 1;
        var features = new float[(long)samples * d];
        var raw = new string[samples];
        var lines = new int[samples];
        for (var s = 0; s < samples; s++)
        {
            var row = rows[s + layout.FirstDataRow];
            if (row.Fields.Length != layout.Columns)
            {
                throw new DataFormatException(path, $"line {row.Line}", $"expected {layout.Columns} columns ({layout.ColumnsReason}), got {row.Fields.Length}");
            }
            var j = 0;
            for (var c = 0; c < layout.Columns; c++)
            {
                if (c == layout.LabelColumn)
                {
                    continue;
                }
                features[(long)s * d + j] = Feature(path, row, c, layout.FeatureNames[j]);
                j++;
            }
            raw[s] = row.Fields[layout.LabelColumn];
            if (raw[s].Length == 0)
            {
                throw new DataFormatException(path, $"line {row.Line}, field {layout.LabelColumn + 1}", $"the label ({layout.LabelName}) is empty");
            }
            lines[s] = row.Line;
        }
        var (labels, classNames) = LabelEncoder.Encode(path, raw, lines, layout.SklearnClassNames);
        var data = new TabularData(features, samples, d, labels, classNames.Length).Validated();
        return new CsvDataset(data, classNames, layout.FeatureNames, layout.LabelName, layout.Header);
    }

    private static float Feature(string path, CsvRow row, int column, string name)
    {
        var text = row.Fields[column];
        var where = $"line {row.Line}, field {column + 1}";
        if (text.Length == 0)
        {
            throw new DataFormatException(path, where, $"feature '{name}' is empty");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFormatException(path, where, $"feature '{name}' is not a number: '{text}'");
        }
        if (double.IsNaN(value))
        {
            throw new DataFormatException(path, where, $"feature '{name}' is NaN ('{text}'): fill or drop missing values first");
        }
        var single = (float)value;
        if (!float.IsFinite(single))
        {
            throw new DataFormatException(path, where, $"feature '{name}' is infinite or beyond the float range: '{text}'");
        }
        return single;
    }

    private static List<CsvRow> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: CSV file not found", path);
        }
        var rows = new List<CsvRow>();
        var line = 0;
        bool? whitespace = null; // decided by the first row
        using var stream = Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                whitespace ??= !text.Contains(',', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal)
                    && text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries).Length > 1;
                var fields = whitespace.Value
                    ? text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries)
                    : CsvLineSplitter.Split(text, out var problem) ?? throw new DataFormatException(path, $"line {line}", problem!);
                rows.Add(new CsvRow(line, fields));
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"line {line + 1}", $"corrupt gzip stream ({e.Message})");
        }
        return rows;
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }
}
