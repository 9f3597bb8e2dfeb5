using System.Text;
using System.Text.Json.Nodes;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Grains.Tests.Abstractions;

/// <summary>
/// Seeded random testing of <see cref="SpecParser"/>: byte and JSON mutations of valid specs are refused with a
/// one-line <see cref="SpecException"/> naming a field, never another exception; generated valid specs round-trip.
/// A failure names the seed and case, so it can be replayed.
/// </summary>
public sealed class SpecParserFuzzTests
{
    private const int Cases = 4000;

    private static readonly string[] Bases =
    [
        """
        { "name": "fuzz-a",
          "dataset": { "kind": "teacher", "inputDim": 8, "teacherHidden": [16, 4], "classes": 3, "samples": 500, "labelNoise": 0.1, "seed": 2, "testFraction": 0.25 },
          "grid": { "widths": [2, 8, 32], "depths": [1, 3], "seeds": [1, 2], "activation": "tanh", "shapes": ["uniform", "funnel"] },
          "training": { "epochs": 3, "optimizer": "sgd", "learningRate": 0.01, "batchSize": 32, "momentum": 0.5, "earlyStopping": { "patience": 2, "minDelta": 0.001 } },
          "measures": { "saturationEveryEpoch": false, "informationPlane": true, "informationSamples": 50 } }
        """,
        """
        { "name": "fuzz-b",
          "dataset": { "kind": "csv", "path": "/data/iris.csv", "label": "species", "header": "names" },
          "grid": { "widths": [], "depths": [], "seeds": [7], "layers": [[8, 2, 8], [4]] },
          "training": { "epochs": 1, "device": "cpu" } }
        """,
        """
        { "name": "fuzz-c",
          "dataset": { "kind": "gaussian-mixture", "classes": 5, "inputDim": 3, "separation": 2.5, "samples": 1000 },
          "grid": { "widths": [4, 16], "depths": [3], "seeds": [1], "shapes": ["hourglass"], "bottleneckWidths": [1, 2], "bottleneckLayer": 2 },
          "training": { "epochs": 2, "weightDecay": 0.0001 } }
        """,
    ];

    // Values a mutation may put in place of any JSON value.
    private static readonly string[] Values =
    [
        "0", "-1", "1", "2147483648", "-2147483649", "1e309", "-0.0", "0.5", "1e-320", "\"\"", "\"x\"", "\"../x\"", "\"a\\nb\"",
        "\"\\u0000\"", "\"\\u0430\"", "null", "true", "false", "[]", "{}", "[0]", "[1, 1]", "[\"a\"]", "{\"a\": 1}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "\"" + new string('a', 5000) + "\"",
    ];

    private const string Noise = "{}[]\":,0123456789-+.eE \\\u0000\u00e9\u0430\n\tabcnulltrue";

    [Fact]
    public void Parse_OfRandomMutationsOfValidSpecs_ThrowsOnlyOneLineSpecExceptions()
    {
        const int Seed = 20261125;
        var random = new Random(Seed);
        var accepted = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(random, Bases[random.Next(Bases.Length)]);
            try
            {
                var spec = SpecParser.Parse(text);
                accepted++;
                var json = SpecParser.ToJson(spec);
                Assert.True(json == SpecParser.ToJson(SpecParser.Parse(json)), $"seed {Seed}, case {i}: an accepted mutation does not round-trip: {text}");
            }
            catch (SpecException e)
            {
                Assert.True(e.Field.Length > 0 && e.Problem.Length > 0, $"seed {Seed}, case {i}: empty field or problem for {text}");
                Assert.False(e.Message.Contains('\n') || e.Message.Contains('\r'), $"seed {Seed}, case {i}: a message of more than one line: {e.Message}");
                Assert.True(e.Message.Length < 1000, $"seed {Seed}, case {i}: a message of {e.Message.Length} characters");
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {Seed}, case {i}: {e.GetType().Name}: {e.Message}\n{text}");
            }
        }
        // Some mutations keep the spec valid (e.g. a changed digit); most do not.
        Assert.InRange(accepted, 1, Cases - 1);
    }

    [Fact]
    public void Parse_OfGeneratedValidSpecs_RoundTripsThroughToJson()
    {
        const int Seed = 7;
        var random = new Random(Seed);
        for (var i = 0; i < 500; i++)
        {
            var text = Generate(random).ToJsonString();

            ExperimentSpec spec;
            try
            {
                spec = SpecParser.Parse(text);
            }
            catch (SpecException e)
            {
                Assert.Fail($"seed {Seed}, case {i}: a generated valid spec was refused: {e.Message}\n{text}");
                return;
            }
            var json = SpecParser.ToJson(spec);
            var again = SpecParser.Parse(json);

            Assert.Equal(json, SpecParser.ToJson(again));
            Assert.Equal(spec.Name, again.Name);
            Assert.Equal(spec.Grid.Widths, again.Grid.Widths);
            Assert.Equal(GridPlanner.Expand(spec).Select(p => p.PointId), GridPlanner.Expand(again).Select(p => p.PointId));
        }
    }

    private static string Mutate(Random random, string text)
    {
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            text = random.Next(6) switch
            {
                0 => ReplaceValue(random, text),
                1 when text.Length > 0 => text.Remove(random.Next(text.Length), 1),
                2 => text.Insert(random.Next(text.Length + 1), Noise[random.Next(Noise.Length)].ToString()),
                3 when text.Length > 0 => text[..random.Next(text.Length)],
                4 => ReplaceValue(random, text),
                _ => Bytes(random, text),
            };
        }
        return text;
    }

    // Some UTF-8 bytes of the text flipped, decoded again (invalid sequences become U+FFFD, as a file read would).
    private static string Bytes(Random random, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }
        return Encoding.UTF8.GetString(bytes);
    }

    // One value somewhere in the document (object member or array item) replaced by one of Values; or a field added.
    private static string ReplaceValue(Random random, string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return text;
        }
        var target = nodes[random.Next(nodes.Count)];
        var value = JsonNode.Parse(Values[random.Next(Values.Length)], documentOptions: Deep);
        if (target is JsonObject obj && random.Next(4) == 0)
        {
            obj[$"extra{random.Next(3)}"] = value;
        }
        else if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = value;
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = value;
        }
        return root!.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = 256 });
    }

    // Room for the deeply nested value, which the parser must refuse.
    private static readonly System.Text.Json.JsonDocumentOptions Deep = new() { MaxDepth = 256 };

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Collect(child, nodes);
                }
                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Collect(child, nodes);
                }
                break;
        }
    }

    // A random spec within every documented limit.
    private static JsonObject Generate(Random random)
    {
        var kind = new[] { "teacher", "random-labels", "gaussian-mixture" }[random.Next(3)];
        var dataset = new JsonObject
        {
            ["kind"] = kind,
            ["inputDim"] = random.Next(1, 65),
            ["classes"] = random.Next(2, 11),
            ["samples"] = random.Next(10, 5001),
            ["seed"] = random.Next(),
            ["testFraction"] = Math.Round(0.05 + random.NextDouble() * 0.4, 3),
        };
        if (kind == "teacher")
        {
            dataset["teacherHidden"] = new JsonArray([.. Distinct(random, random.Next(0, 3), 1, 64).Select(v => (JsonNode)v)]);
        }
        if (kind != "random-labels")
        {
            dataset["labelNoise"] = Math.Round(random.NextDouble() * 0.5, 3);
        }
        var training = new JsonObject
        {
            ["epochs"] = random.Next(1, 200),
            ["optimizer"] = random.Next(2) == 0 ? "adam" : "sgd",
            ["learningRate"] = Math.Round(1e-4 + random.NextDouble() * 0.5, 5),
            ["batchSize"] = random.Next(1, 513),
        };
        if (random.Next(3) == 0)
        {
            training["earlyStopping"] = new JsonObject { ["patience"] = random.Next(1, 10), ["minDelta"] = Math.Round(random.NextDouble() * 0.01, 5) };
        }
        return new JsonObject
        {
            ["name"] = Name(random),
            ["dataset"] = dataset,
            ["grid"] = new JsonObject
            {
                ["widths"] = new JsonArray([.. Distinct(random, random.Next(1, 6), 1, 4096).Select(v => (JsonNode)v)]),
                ["depths"] = new JsonArray([.. Distinct(random, random.Next(1, 4), 1, 8).Select(v => (JsonNode)v)]),
                ["seeds"] = new JsonArray([.. Distinct(random, random.Next(1, 4), 0, 1000).Select(v => (JsonNode)v)]),
                ["activation"] = random.Next(2) == 0 ? "relu" : "tanh",
            },
            ["training"] = training,
        };
    }

    private static int[] Distinct(Random random, int count, int min, int max) =>
        [.. Enumerable.Range(0, count * 4).Select(_ => random.Next(min, max + 1)).Distinct().Take(count)];

    // 1-40 characters of a-z, 0-9 and single '-' between them.
    private static string Name(Random random)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 10)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]));
        var name = string.Join('-', parts);
        return name.Length <= 40 ? name : name[..40].TrimEnd('-');
    }
}
