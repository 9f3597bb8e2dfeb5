namespace CapacityGrid.Client.Tests.Cli;

/// <summary>The smallest real experiment: one 4-2-2 point on 300 teacher samples for 2 epochs, done in seconds.</summary>
internal static class TinySpec
{
    /// <summary>Writes the spec as <paramref name="folder"/>/tiny.json and returns its path.</summary>
    public static string Write(string folder)
    {
        var path = Path.Combine(folder, "tiny.json");
        File.WriteAllText(path, """
            { "name": "tiny",
              "dataset": { "kind": "teacher", "inputDim": 4, "teacherHidden": [4], "classes": 2, "samples": 300, "seed": 1 },
              "grid": { "widths": [2], "depths": [1], "seeds": [1] },
              "training": { "epochs": 2 } }
            """);
        return path;
    }
}
