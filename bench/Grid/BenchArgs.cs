using System.Globalization;

namespace CapacityGrid.Bench.Grid;

/// <summary>The <c>--name value</c> options of the grid benchmarks.</summary>
public static class BenchArgs
{
    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return fallback;
        }
        if (at + 1 >= args.Length || !int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new ArgumentException($"{name} needs a positive integer");
        }
        return value;
    }

    /// <summary>True when the flag <paramref name="name"/> is given.</summary>
    public static bool Flag(string[] args, string name) => args.Contains(name);

    /// <summary>Milliseconds with one decimal.</summary>
    public static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);
}
