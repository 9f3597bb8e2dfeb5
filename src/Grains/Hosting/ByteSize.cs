using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CapacityGrid.Grains.Hosting;

/// <summary>
/// A number of bytes, as configuration gives it: a plain number of bytes, or one with a unit such as <c>512MiB</c>,
/// <c>4 GiB</c> or <c>8GB</c> (KiB/MiB/GiB/TiB count in 1024s, KB/MB/GB/TB in 1000s). Printed in binary units.
/// </summary>
[TypeConverter(typeof(ByteSizeConverter))]
public readonly partial record struct ByteSize(long Bytes)
{
    private static readonly (string Unit, double Factor)[] Units =
    [
        ("tib", 1L << 40), ("gib", 1L << 30), ("mib", 1L << 20), ("kib", 1L << 10),
        ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("b", 1), ("", 1),
    ];

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a positive size with a known unit.</exception>
    public static ByteSize Parse(string text)
    {
        var match = SizeText().Match(text.Trim());
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            var unit = Units.FirstOrDefault(u => u.Unit == match.Groups[2].Value.ToLowerInvariant());
            if (unit.Factor > 0 && number > 0 && number * unit.Factor < long.MaxValue)
            {
                return new ByteSize((long)(number * unit.Factor));
            }
        }
        throw new FormatException($"'{text}' is not a size in bytes (e.g. 4GiB, 512MiB or 8GB)");
    }

    /// <summary>A short form: <c>812 B</c>, <c>3.5 KiB</c>, <c>120.0 MiB</c>, <c>7.8 GiB</c>, <c>3.6 TiB</c>.</summary>
    public override string ToString() => Format(Bytes);

    /// <summary>The short form of <paramref name="bytes"/>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }
        var value = (double)bytes;
        var i = -1;
        while (value >= 1024 && i < units.Length - 1)
        {
            value /= 1024;
            i++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[i]}");
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)$")]
    private static partial Regex SizeText();
}

/// <summary>Lets configuration binding read a <see cref="ByteSize"/> from its text.</summary>
public sealed class ByteSizeConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? ByteSize.Parse(text) : base.ConvertFrom(context, culture, value);
}
