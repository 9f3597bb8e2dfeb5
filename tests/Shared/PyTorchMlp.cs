using System.Diagnostics;
using System.Text.Json;

namespace CapacityGrid.Tests.Shared;

/// <summary>Loads a safetensors MLP export in Debian's PyTorch and runs it.</summary>
public static class PyTorchMlp
{
    // Debian's python3-torch (installed by .ci/run); the pyenv python3 first on PATH may lack it.
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Reads the file with PyTorch alone (no safetensors package): parses the header, maps each tensor from the
    /// data section, runs the MLP forward on <paramref name="input"/>, and returns every tensor and the logits.
    /// </summary>
    public static Dictionary<string, float[]> Run(string path, float[] input)
    {
        SystemPackage.PyTorch.Require();
        const string script = """
            import json, struct, sys, torch
            path, inputs = sys.argv[1], json.loads(sys.argv[2])
            raw = open(path, 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            header.pop('__metadata__', None)
            data = bytearray(raw[8 + n:])
            t = {}
            for name, e in header.items():
                assert e['dtype'] == 'F32'
                b, end = e['data_offsets']
                t[name] = torch.frombuffer(data, dtype=torch.float32, count=(end - b) // 4, offset=b).reshape(e['shape'])
            layers = sorted({k.rsplit('.', 1)[0] for k in t if k.startswith('fc')}, key=lambda s: int(s[2:])) + ['out']
            x = torch.tensor(inputs, dtype=torch.float32).reshape(-1, t['fc1.weight'].shape[1])
            for i, name in enumerate(layers):
                x = torch.nn.functional.linear(x, t[name + '.weight'], t[name + '.bias'])
                if i < len(layers) - 1:
                    x = torch.relu(x)
            out = {k: v.flatten().tolist() for k, v in t.items()}
            out['logits'] = x.flatten().tolist()
            print(json.dumps(out))
            """;
        var stdout = RunScript(script, path, JsonSerializer.Serialize(input));
        var parsed = JsonSerializer.Deserialize<Dictionary<string, double[]>>(stdout)!;
        return parsed.ToDictionary(p => p.Key, p => Array.ConvertAll(p.Value, v => (float)v));
    }

    /// <summary>Runs a Python script with Debian's python3 (PyTorch importable) and returns what it printed.</summary>
    public static string RunScript(string script, params string[] args)
    {
        SystemPackage.PyTorch.Require();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", script }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {stderr}");
        return stdout.Result;
    }
}
