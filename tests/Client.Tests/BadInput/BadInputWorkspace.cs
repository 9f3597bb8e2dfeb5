using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CapacityGrid.Analysis.Data.Synthetic;
using CapacityGrid.Analysis.Data;
using CapacityGrid.Analysis.Models;
using CapacityGrid.Analysis.Training.Trainers;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>
/// A temporary folder with the inputs one bad-input case needs (specs, data files, checkpoints), an output folder
/// that already holds an earlier result, and a storage connection string on ports nothing answers.
/// </summary>
public sealed class BadInputWorkspace : IDisposable
{
    /// <summary>Creates the folder and the earlier result in the output folder.</summary>
    public BadInputWorkspace(string? storage = null)
    {
        Folder = Directory.CreateTempSubdirectory("capgrid-bad-").FullName;
        Storage = storage ?? StorageEndpoint.AzuriteConnectionString(AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort(), AzuriteLauncher.FreePort());
        var earlier = Directory.CreateDirectory(Path.Combine(Out, "earlier"));
        File.WriteAllText(Path.Combine(earlier.FullName, "capacity-map.json"), """{ "earlier": true }""");
        File.WriteAllText(Path.Combine(Out, "weights.safetensors"), "an earlier export");
    }

    /// <summary>The workspace's folder; error lines show it as <c>{folder}</c>.</summary>
    public string Folder { get; }

    /// <summary>The output folder (it already holds an earlier result).</summary>
    public string Out => Path.Combine(Folder, "out");

    /// <summary>The folder for a started Azurite's data; a case that never connects must not create it.</summary>
    public string Data => Path.Combine(Folder, "data");

    /// <summary>The storage connection string (by default on silent loopback ports).</summary>
    public string Storage { get; }

    /// <summary>The options a <c>run</c> takes to keep everything in this workspace.</summary>
    public string[] RunOptions => ["--out", Out, "--data", Data, "--storage", Storage];

    /// <summary>A spec file with this exact text.</summary>
    public string SpecText(string text, string name = "spec.json")
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The quickstart spec with the field at a dotted path set to some JSON (removed when null).</summary>
    public string Spec(string path, string? json)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(CliRun.RepoRoot(), "examples", "quickstart.json")))!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, key) => node[key]!).AsObject();
        if (json is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(json);
        }
        return SpecText(root.ToJsonString());
    }

    /// <summary>A spec whose dataset is the CSV file with <paramref name="text"/> (label: the last column unless named).</summary>
    public string CsvSpec(string text, string? label = null)
    {
        var csv = Csv(text);
        var labelJson = label is null ? "" : $", \"label\": \"{label}\"";
        return Spec("dataset", $$"""{ "kind": "csv", "path": "{{csv}}"{{labelJson}} }""");
    }

    /// <summary>A CSV file with this text.</summary>
    public string Csv(string text)
    {
        var path = Path.Combine(Folder, "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A spec whose dataset is an IDX folder holding the named files (the bytes each file gets).</summary>
    public string IdxSpec(Dictionary<string, byte[]> files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "idx")).FullName;
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
        return Spec("dataset", $$"""{ "kind": "idx", "path": "{{folder}}" }""");
    }

    /// <summary>An IDX image file header announcing <paramref name="count"/> 2x2 images, followed by <paramref name="pixels"/> bytes.</summary>
    public static byte[] IdxImages(int count, int pixels)
    {
        var bytes = new byte[16 + pixels];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 2);
        return bytes;
    }

    /// <summary>The checkpoint of a small MLP after one epoch (trained here), changed by <paramref name="damage"/>.</summary>
    public string Checkpoint(Func<byte[], byte[]>? damage = null)
    {
        var data = DataSplit.Holdout(new TeacherDataset(4, [6], 3, 300, 0, 3).Generate(), 0.2, 3, "teacher").Standardised();
        var reports = new List<EpochReport>();
        ClassifierTrainer.Train(data, new MlpSpec(4, [5], 3), new TrainOptions(Epochs: 1, LearningRate: 0.01, Device: DeviceKind.Cpu), reports.Add, TestContext.Current.CancellationToken);
        var path = Path.Combine(Folder, "epoch-0001.ckpt");
        File.WriteAllBytes(path, (damage ?? (b => b))(reports[^1].Checkpoint));
        return path;
    }

    /// <summary>Every file under the workspace with its SHA-256, to show that nothing was created, changed or lost.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(Folder, file)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }
        foreach (var dir in Directory.EnumerateDirectories(Folder, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(Folder, dir) + "/"] = "";
        }
        return files;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
