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
        var row = BadInputTable.BeforeConnecting.Single(c => c.Name == name);
        using var workspace = new BadInputWorkspace();
        var args = row.Args(workspace);
        var before = workspace.Snapshot();

        var run = await CliRun.InvokeAsync(args);

        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(row.Matches(line, workspace.Folder), $"expected: {row.Error}\nactual:   {line}");
        Assert.Equal(row.ExitCode, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(before, workspace.Snapshot());
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
        var row = BadInputTable.BeforeConnecting.Single(c => c.Name == name);
        using var workspace = new BadInputWorkspace();
        var args = row.Args(workspace);
        var before = workspace.Snapshot();

        var run = await CapgridProcess.RunAsync(args);

        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(row.Matches(line, workspace.Folder), $"expected: {row.Error}\nactual:   {line}");
        Assert.Equal(row.ExitCode, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(before, workspace.Snapshot());
    }

    [Fact]
    public void Table_HasAtLeast25RowsWithDistinctNames()
    {
        var names = BadInputTable.BeforeConnecting.Concat(BadInputTable.WithStorage).Select(c => c.Name).ToList();

        Assert.True(names.Count >= 25, $"{names.Count} rows");
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
