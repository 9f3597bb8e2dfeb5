using CapacityGrid.Client.Tests.Cli;

namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>
/// The rows of <see cref="BadInputTable.BeforeConnecting"/>: capgrid refuses each with its exit code and exactly its
/// one-line error, prints nothing on stdout, and creates, changes or deletes no file (no Azurite data folder, the
/// output folder as it was).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BadInputTests
{
    public static TheoryData<string> Cases => [.. BadInputTable.BeforeConnecting.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Capgrid_GivenBadInput_PrintsOneLineExitsWithItsCodeAndTouchesNothing(string name)
    {
        await AssertOneLineAndUntouchedAsync(name, CliRun.InvokeAsync);
    }

    // The in-process runs above see only what capgrid writes to its error writer; the real executable must not
    // add log lines of Orleans or the host to stderr either.
    [Theory]
    [InlineData("spec-unknown-field")]
    [InlineData("dataset-csv-nan")]
    [InlineData("checkpoint-tampered-export")]
    [InlineData("cli-unknown-command")]
    [InlineData("cli-storage-sas-only")]
    [InlineData("cli-cluster-unreachable")]
    public async Task CapgridExecutable_GivenBadInput_WritesExactlyTheOneLineToStderr(string name)
    {
        await AssertOneLineAndUntouchedAsync(name, args => CapgridProcess.RunAsync(args));
    }

    [Fact]
    public void Table_HasAtLeast25RowsWithDistinctNames()
    {
        var names = BadInputTable.BeforeConnecting.Concat(BadInputTable.WithStorage).Select(c => c.Name).ToList();

        Assert.True(names.Count >= 25, $"{names.Count} rows");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    // Runs the table row through run: exactly one stderr line, the one the table expects, its exit code, nothing on
    // stdout, and the workspace (files and every blob's ETag) as it was.
    private static async Task AssertOneLineAndUntouchedAsync(string name, Func<string[], Task<CliRun>> run)
    {
        var row = BadInputTable.BeforeConnecting.Single(c => c.Name == name);
        using var workspace = new BadInputWorkspace();
        // The row's arguments write its input files first; the snapshot is taken after them.
        var args = row.Args(workspace);
        var before = workspace.Snapshot();

        var result = await run(args);

        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(row.Matches(line, workspace.Folder), $"expected: {row.Error}\nactual:   {line}");
        Assert.Equal(row.ExitCode, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(before, workspace.Snapshot());
    }
}
