using CapacityGrid.Client.Cli;

namespace CapacityGrid.Client.Tests.Cli;

/// <summary>Runs the capgrid CLI in-process and captures what it writes.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>capgrid</c> with <paramref name="args"/>.</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CapgridCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The checkout's root folder (holding CapacityGrid.sln).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CapacityGrid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("CapacityGrid.sln not found above the test's folder");
    }
}

/// <summary>CLI tests run one at a time: they start storage and may set process environment variables.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cli";
}
