using CapacityGrid.Client.Tests.Cli;

namespace CapacityGrid.Client.Tests.BadInput;

/// <summary>
/// The rows of <see cref="BadInputTable.WithStorage"/>, against one shared Azurite: each is refused with its exit
/// code and one-line error, and no blob in storage (the existing experiment's included) is created, changed or
/// deleted, nor any file in the workspace.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BadInputStorageTests(SharedStorage storage) : IClassFixture<SharedStorage>
{
    public static TheoryData<string> Cases => [.. BadInputTable.WithStorage.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Capgrid_GivenBadInputThatReachesStorage_RefusesItAndChangesNoBlob(string name)
    {
        var row = BadInputTable.WithStorage.Single(c => c.Name == name);
        using var workspace = new BadInputWorkspace(storage.ConnectionString);
        var args = row.Args(workspace);
        var files = workspace.Snapshot();
        var blobs = await storage.SnapshotAsync();
        Assert.Contains(blobs.Keys, k => k.StartsWith($"cg-{SharedStorage.ExistingId}/", StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync(args);

        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(row.Matches(line, workspace.Folder), $"expected: {row.Error}\nactual:   {line}");
        Assert.Equal(row.ExitCode, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(files, workspace.Snapshot());
        Assert.Equal(blobs, await storage.SnapshotAsync());
    }
}
