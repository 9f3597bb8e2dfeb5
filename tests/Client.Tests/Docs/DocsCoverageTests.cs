using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapacityGrid.Client.Tests.Cli;
using CapacityGrid.Grains.Abstractions.Experiments;

namespace CapacityGrid.Client.Tests.Docs;

/// <summary>The reference in docs/ keeps up with the code: every command and every spec field is documented.</summary>
[Collection(CliCollection.Name)]
public sealed partial class DocsCoverageTests
{
    private static string Docs(string file) => File.ReadAllText(Path.Combine(RepoRoot(), "docs", file));

    [Fact]
    public async Task CliDocs_NameEveryCommandAndSubcommandOfTheCli()
    {
        var cli = Docs("cli.md");
        var commands = await CommandsAsync([]);
        Assert.Contains("measure", commands);
        var all = commands.Concat((await CommandsAsync(["measure"])).Select(c => $"measure {c}")).ToList();

        var missing = all.Where(c => !cli.Contains($"capgrid {c}", StringComparison.Ordinal) && !cli.Contains($"`{c} ", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/cli.md does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void SpecDocs_NameEveryFieldOfTheSpec()
    {
        var spec = Docs("spec.md");
        var fields = Fields(typeof(ExperimentSpec), "").ToList();
        Assert.Contains("dataset.kind", fields);
        Assert.Contains("training.earlyStopping.patience", fields);

        var missing = fields.Where(f => !Documented(spec, f)).ToList();

        Assert.True(missing.Count == 0, $"docs/spec.md does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Readme_IsAFrontDoorOfAtMost150LinesThatLinksEveryReferenceInDocs()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoRoot(), "README.md"));

        Assert.InRange(readme.Length, 20, 150);
        Assert.Contains("dotnet run --project src/Client -- run examples/quickstart.json", readme);
        Assert.Contains("dotnet test CapacityGrid.sln", readme);
        foreach (var doc in Directory.GetFiles(Path.Combine(RepoRoot(), "docs"), "*.md").Select(Path.GetFileName))
        {
            Assert.Contains(readme, line => line.Contains($"(docs/{doc})", StringComparison.Ordinal));
        }
    }

    // A field is documented as `a.b.c`, or by its last name in backticks or quotes (`c`, `.c`, "c") on a line
    // that also names its section (or anywhere, for a nested object's fields).
    private static bool Documented(string doc, string path)
    {
        var leaf = path.Split('.')[^1];
        return doc.Contains($"`{path}`", StringComparison.Ordinal) ||
            doc.Contains($"`{leaf}`", StringComparison.Ordinal) ||
            doc.Contains($"\"{leaf}\"", StringComparison.Ordinal) ||
            doc.Contains($".{leaf}`", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Fields(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            yield return name;
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (inner.Namespace == typeof(ExperimentSpec).Namespace && inner.IsClass && inner != typeof(string))
            {
                foreach (var nested in Fields(inner, name + "."))
                {
                    yield return nested;
                }
            }
        }
    }

    // The command names `capgrid [parent] --help` lists under "Commands:".
    private static async Task<List<string>> CommandsAsync(string[] parent)
    {
        var help = await CliRun.InvokeAsync([.. parent, "--help"]);
        Assert.True(help.ExitCode == 0, help.Error);
        var section = help.Output.Split("Commands:")[1];
        return [.. CommandLine().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\s{2}([a-z][a-z-]*)", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CapacityGrid.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("CapacityGrid.sln not found above the test binaries");
    }
}
