using CapacityGrid.Client.Cli;

namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>
/// The bad-input table of docs/reliability.md: malformed specs, datasets, checkpoints and command lines, each with
/// its exit code and the exact one-line error. <see cref="BeforeConnecting"/> are refused before any storage is
/// reached; <see cref="WithStorage"/> need storage that answers and hold an experiment named <c>existing</c>.
/// </summary>
public static class BadInputTable
{
    private const int Bad = ExitCodes.BadInput;
    private const int Unavailable = ExitCodes.Unavailable;
    private const string Spec = "{folder}/spec.json";

    /// <summary>Cases refused before capgrid connects to storage or a cluster.</summary>
    public static readonly BadInputCase[] BeforeConnecting =
    [
        // Specs.
        new("spec-bad-json", "spec cut off mid-object", w => ["run", w.SpecText("""{ "name": "x", """), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: spec: is not valid JSON (line 1)"),
        new("spec-empty", "empty spec file", w => ["run", w.SpecText(""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: spec: is not valid JSON (line 1)"),
        new("spec-array", "spec is a JSON array", w => ["run", w.SpecText("[1, 2]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: spec: has the wrong type or is null (line 1)"),
        new("spec-unknown-field", "unknown field training.colour", w => ["run", w.Spec("training.colour", "1"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: training.colour: unknown field (line 1)"),
        new("spec-missing-grid", "required section grid left out", w => ["run", w.Spec("grid", null), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid: required field missing (line 1)"),
        new("spec-wrong-type", "training.epochs is a string", w => ["run", w.Spec("training.epochs", "\"ten\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: training.epochs: has the wrong type or is null (line 1)"),
        new("spec-width-0", "grid.widths [0]", w => ["run", w.Spec("grid.widths", "[0]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid.widths[0]: must be a positive integer (got 0)"),
        new("spec-width-negative", "grid.widths [8, -4]", w => ["run", w.Spec("grid.widths", "[8, -4]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid.widths[1]: must be a positive integer (got -4)"),
        new("spec-absurd-depth", "grid.depths [100000]", w => ["run", w.Spec("grid.depths", "[100000]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid.depths[0]: must be at most 64 (got 100000)"),
        new("spec-absurd-width", "grid.widths [2147483647]", w => ["run", w.Spec("grid.widths", "[2147483647]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid.widths[0]: must be at most 65536 (got 2147483647)"),
        new("spec-duplicate-widths", "grid.widths [4, 4]", w => ["run", w.Spec("grid.widths", "[4, 4]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid.widths: lists a value twice"),
        new("spec-negative-epochs", "training.epochs -1", w => ["run", w.Spec("training.epochs", "-1"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: training.epochs: must be a positive integer (got -1)"),
        new("spec-bad-optimizer", "training.optimizer adamw", w => ["run", w.Spec("training.optimizer", "\"adamw\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: training.optimizer: unknown optimizer 'adamw' (expected adam or sgd)"),
        new("spec-zero-learning-rate", "training.learningRate 0", w => ["run", w.Spec("training.learningRate", "0"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: training.learningRate: must be a positive number below 100 (got 0)"),
        new("spec-unknown-dataset", "dataset.kind imagenet", w => ["run", w.Spec("dataset.kind", "\"imagenet\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.kind: unknown dataset kind 'imagenet' (expected one of: teacher, random-labels, gaussian-mixture, csv, idx)"),
        new("spec-bad-name", "name 'My Exp!'", w => ["run", w.Spec("name", "\"My Exp!\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: name: must be 1-40 characters of a-z, 0-9 and single '-' between them (got 'My Exp!')"),
        new("spec-name-traversal", "name '../x'", w => ["run", w.Spec("name", "\"../x\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: name: must be 1-40 characters of a-z, 0-9 and single '-' between them (got '../x')"),
        new("spec-name-newline", "name 'abc\\n' (trailing newline)", w => ["run", w.Spec("name", "\"abc\\n\""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: name: must be 1-40 characters of a-z, 0-9 and single '-' between them (got 'abc\\u000a')"),
        new("spec-too-many-parameters", "grid of 65536 x 20 hidden layers", w => ["run", w.Spec("grid", """{ "widths": [65536], "depths": [20], "seeds": [1] }"""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid: 65536 x 20 hidden layers has 81,607,000,068 parameters, more than 2,147,483,647"),
        new("spec-too-much-memory", "teacher data of 10 million rows of 100,000 features", w => ["run", w.Spec("dataset", """{ "kind": "teacher", "inputDim": 100000, "samples": 10000000 }"""), "--slots", "2", .. w.RunOptions], Bad,
            $"capgrid: {Spec}: grid: 64 x 2 hidden layers needs about 7.3 TiB to train (weights 24.4 MiB, gradients 24.4 MiB, optimizer state 48.9 MiB, one batch of activations 24.5 MiB, data set 7.3 TiB, layer measures 128.0 KiB), " +
            "more than the {n}.{n} GiB a training slot has (Training:SlotMemory; default: this silo's {n}.{n} GiB over 2 slots)"),
        new("spec-large-without-yes", "20,004 points, not on a terminal, without --yes", w => ["run", w.Spec("grid.widths", $"[{string.Join(',', Enumerable.Range(1, 5001))}]"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: --yes: needed for a run of 20,004 points (more than 10,000): 20,004 points, 15 epochs each, 1.06e16 training multiply-adds (time: unknown; set Training__MultiplyAddsPerSecond to this machine's rate per slot)"),
        new("spec-missing-file", "spec file that does not exist", w => ["run", Path.Combine(w.Folder, "nope.json"), .. w.RunOptions], Bad,
            "capgrid: {folder}/nope.json: spec: file '{folder}/nope.json' not found"),

        // Datasets a spec names.
        new("dataset-idx-folder-missing", "idx dataset folder that does not exist", w => ["run", w.Spec("dataset", """{ "kind": "idx", "path": "/nonexistent/fmnist" }"""), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: folder '/nonexistent/fmnist' not found (for Fashion-MNIST: apt-get install dataset-fashion-mnist)"),
        new("dataset-idx-file-missing", "idx folder without its t10k label file", w => ["run", w.IdxSpec(new()
            {
                ["train-images-idx3-ubyte"] = BadInputWorkspace.IdxImages(1, 4),
                ["train-labels-idx1-ubyte"] = [],
                ["t10k-images-idx3-ubyte"] = BadInputWorkspace.IdxImages(1, 4),
            }), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: '{{folder}}/idx' lacks t10k-labels-idx1-ubyte[.gz]"),
        new("dataset-idx-bad-magic", "idx files of zeros (wrong magic number)", w => ["run", w.IdxSpec(new()
            {
                ["train-images-idx3-ubyte"] = new byte[40],
                ["train-labels-idx1-ubyte"] = new byte[40],
                ["t10k-images-idx3-ubyte"] = new byte[40],
                ["t10k-labels-idx1-ubyte"] = new byte[40],
            }), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: {{folder}}/idx/train-images-idx3-ubyte: offset 0: magic number 0x00000000 is not an IDX image file (0x00000803)"),
        new("dataset-idx-truncated", "idx image file shorter than its header announces", w => ["run", w.IdxSpec(new()
            {
                ["train-images-idx3-ubyte"] = BadInputWorkspace.IdxImages(10, 8),
                ["train-labels-idx1-ubyte"] = new byte[40],
                ["t10k-images-idx3-ubyte"] = BadInputWorkspace.IdxImages(10, 40),
                ["t10k-labels-idx1-ubyte"] = new byte[40],
            }), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: {{folder}}/idx/train-images-idx3-ubyte: offset 24: truncated: header announces 10 images of 2x2, needing 56 bytes"),
        new("dataset-csv-nan", "csv with a NaN feature on line 3", w => ["run", w.CsvSpec("a,b,label\n1,2,x\nNaN,3,y\n4,5,x\n6,7,y\n"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: {{folder}}/data.csv: line 3, field 1: feature 'a' is NaN ('NaN'): fill or drop missing values first"),
        new("dataset-csv-ragged", "csv whose line 3 has 2 of 3 fields", w => ["run", w.CsvSpec("a,b,label\n1,2,x\n3,y\n4,5,x\n6,7,y\n"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: {{folder}}/data.csv: line 3: expected 3 columns (the header names 3), got 2"),
        new("dataset-csv-missing-label", "csv label column 'species' that the header lacks", w => ["run", w.CsvSpec("a,b,label\n1,2,x\n3,4,y\n4,5,x\n6,7,y\n", label: "species"), .. w.RunOptions], Bad,
            $"capgrid: {Spec}: dataset.path: {{folder}}/data.csv: line 1: no column named 'species' (columns: a, b, label)"),
        new("measure-dataset-nan", "measure dataset of a csv with a NaN feature", w => ["measure", "dataset", w.Csv("a,b,label\n1,2,x\nNaN,3,y\n4,5,x\n")], Bad,
            "capgrid: {folder}/data.csv: line 3, field 1: feature 'a' is NaN ('NaN'): fill or drop missing values first"),
        new("measure-dataset-missing", "measure dataset of a file that does not exist", w => ["measure", "dataset", Path.Combine(w.Folder, "nope.csv")], Bad,
            "capgrid: source: '{folder}/nope.csv' is neither a file nor a folder"),

        // Checkpoints.
        new("checkpoint-truncated", "measure model of a checkpoint cut in half", w => ["measure", "model", w.Checkpoint(b => b[..(b.Length / 2)])], Bad,
            "capgrid: {folder}/epoch-0001.ckpt: checkpoint section RNGS claims {n} bytes, more than remain: the payload is cut short"),
        new("checkpoint-tampered-measure", "measure model of a checkpoint with one weight byte changed", w => ["measure", "model", w.Checkpoint(Flip)], Bad,
            "capgrid: {folder}/epoch-0001.ckpt: checkpoint was changed or damaged after it was written: its SHA-256 {sha} does not match the stored {sha}"),
        new("checkpoint-tampered-export", "export of a checkpoint with one weight byte changed", w => ["export", w.Checkpoint(Flip), "--from-file", "--out", Path.Combine(w.Out, "weights.safetensors")], Bad,
            "capgrid: {folder}/epoch-0001.ckpt: checkpoint was changed or damaged after it was written: its SHA-256 {sha} does not match the stored {sha}"),
        new("checkpoint-not-ours", "export of a text file", w => ["export", w.Csv("a,b\n1,2\n"), "--from-file", "--out", Path.Combine(w.Out, "weights.safetensors")], Bad,
            "capgrid: {folder}/data.csv: not a CapacityGrid checkpoint (its first bytes are not the CGRDCKPT header)"),
        new("checkpoint-missing", "measure model of a file that does not exist", w => ["measure", "model", Path.Combine(w.Folder, "nope.ckpt")], Bad,
            "capgrid: {folder}/nope.ckpt: file not found"),

        // Command lines.
        new("cli-unknown-command", "capgrid frobnicate", _ => ["frobnicate"], Bad, "capgrid: Unrecognized command or argument 'frobnicate'. (see 'capgrid --help')"),
        new("cli-unknown-option", "run --colour red", w => ["run", w.Spec("name", "\"ok\""), "--colour", "red"], Bad, "capgrid: Unrecognized command or argument '--colour'. (see 'capgrid --help')"),
        new("cli-missing-argument", "run without a spec", _ => ["run"], Bad, "capgrid: Required argument missing for command: 'run'. (see 'capgrid --help')"),
        new("cli-slots-zero", "--slots 0", w => ["run", w.Spec("name", "\"ok\""), "--slots", "0", .. w.RunOptions], Bad, $"capgrid: {Spec}: --slots: must be at least 1 (got 0)"),
        new("cli-slots-not-a-number", "--slots many", w => ["run", w.Spec("name", "\"ok\""), "--slots", "many", .. w.RunOptions], Bad, "capgrid: --slots: 'many' is not a whole number (see 'capgrid --help')"),
        new("cli-connect-timeout-zero", "--connect-timeout 0", w => ["status", "existing", "--cluster", "c1", "--connect-timeout", "0", "--storage", w.Storage], Bad, "capgrid: --connect-timeout: must be at least 1 second (got 0)"),
        new("cli-submit-without-cluster", "submit with no --cluster", w => ["submit", w.Spec("name", "\"ok\""), "--storage", w.Storage, "--data", w.Data], Bad, $"capgrid: {Spec}: --cluster: submit returns at once, so it needs a running cluster; without one, use 'capgrid run'"),
        new("cli-storage-malformed", "--storage with neither endpoint nor account (holds a secret)", w => ["run", w.Spec("name", "\"ok\""), "--out", w.Out, "--data", w.Data, "--storage", "Secret=hunter2"], Unavailable,
            "capgrid: storage: the storage connection string has neither UseDevelopmentStorage, BlobEndpoint nor AccountName"),
        new("cli-storage-sas-only", "--storage with only a SAS token", w => ["run", w.Spec("name", "\"ok\""), "--out", w.Out, "--data", w.Data, "--storage", "SharedAccessSignature=sv=2024-05-04&sig=c2VjcmV0LXNpZw%3D"], Unavailable,
            "capgrid: storage: the storage connection string has neither UseDevelopmentStorage, BlobEndpoint nor AccountName"),
        new("cli-cluster-unreachable", "--cluster with no silo and silent storage", w => ["status", "existing", "--cluster", "nowhere", "--connect-timeout", "2", "--storage", w.Storage], Unavailable, "capgrid: cluster: no silo of cluster 'nowhere' (service 'capgrid') answers (none answered within 2 s); start silos (infra/cluster.sh start, or dotnet run --project src/Silo) with the same storage and cluster id"),
        new("cli-id-traversal", "run --id ../x", w => ["run", w.Spec("name", "\"ok\""), "--id", "../x", .. w.RunOptions], Bad,
            "capgrid: --id: '../x' must be 1-56 characters of a-z, 0-9 and single '-' between them"),
        new("cli-id-slash", "status a/b", w => ["status", "a/b", "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: 'a/b' is not an experiment id (1-56 characters of a-z, 0-9 and single '-' between them)"),
        new("cli-id-percent", "watch %2e%2e", w => ["watch", "%2e%2e", "--out", w.Out, "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: '%2e%2e' is not an experiment id (1-56 characters of a-z, 0-9 and single '-' between them)"),
        new("cli-id-lookalike", "resume with a Cyrillic 'а' in the id", w => ["resume", "\u0430bc", "--out", w.Out, "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: '\\u0430bc' is not an experiment id (1-56 characters of a-z, 0-9 and single '-' between them)"),
        new("cli-id-newline", "cancel 'abc\\n'", w => ["cancel", "abc\n", "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: 'abc\\u000a' is not an experiment id (1-56 characters of a-z, 0-9 and single '-' between them)"),
        new("cli-id-overlong", "status with a 57-character id", w => ["status", new string('a', 57), "--storage", w.Storage, "--data", w.Data], Bad,
            $"capgrid: '{new string('a', 57)}' is not an experiment id (1-56 characters of a-z, 0-9 and single '-' between them)"),
    ];

    /// <summary>Cases that reach storage (one Azurite serves them all; it holds the experiment <c>existing</c>).</summary>
    public static readonly BadInputCase[] WithStorage =
    [
        new("storage-id-taken", "run another spec under the id of an existing experiment", w => ["run", w.Spec("grid.seeds", "[9]"), "--id", "existing", .. w.RunOptions], Bad,
            "capgrid: experiment 'existing' already exists with a different spec"),
        new("storage-status-unknown", "status of an id no experiment has", w => ["status", "no-such-experiment", "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: no experiment 'no-such-experiment' in this storage (see 'capgrid list')"),
        new("storage-resume-unknown", "resume of an id no experiment has", w => ["resume", "no-such-experiment", "--out", w.Out, "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: no experiment 'no-such-experiment' in this storage (see 'capgrid list')"),
        new("storage-cancel-unknown", "cancel of an id no experiment has", w => ["cancel", "no-such-experiment", "--storage", w.Storage, "--data", w.Data], Bad,
            "capgrid: no experiment 'no-such-experiment' in this storage (see 'capgrid list')"),
    ];

    // One byte in the middle of the payload (inside the weights) changed.
    private static byte[] Flip(byte[] payload)
    {
        var copy = (byte[])payload.Clone();
        copy[copy.Length / 2] ^= 0x5a;
        return copy;
    }
}
