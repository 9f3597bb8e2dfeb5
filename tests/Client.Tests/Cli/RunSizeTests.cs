using CapacityGrid.Client.Cli.Experiments;

namespace CapacityGrid.Client.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RunSizeTests
{
    [Theory]
    [InlineData(10_000, null, false)]
    [InlineData(10_001, null, true)]
    [InlineData(20, 23.9, false)]
    [InlineData(20, 24.1, true)]
    public void NeedsConfirmation_AboveTenThousandPointsOrADay_IsTrue(int points, double? hours, bool needs)
    {
        var size = new RunSize(points, 5, 1e12, hours is { } h ? TimeSpan.FromHours(h) : null, 2, hours is null ? null : 1e9);

        Assert.Equal(needs, size.NeedsConfirmation);
    }

    [Fact]
    public void ToString_WithTheMachinesRate_GivesTheEstimatedTimeOnTheSlots()
    {
        var size = new RunSize(20, 15, 3.6e13, TimeSpan.FromHours(2.5), 2, 2e9);

        Assert.Equal("20 points, 15 epochs each, 3.60e13 training multiply-adds, about 2 h 30 min on 2 slots at 2.00e9 multiply-adds/s each", size.ToString());
    }

    [Fact]
    public async Task Run_WithASlotMemoryFromTheEnvironment_RefusesAPointOverItNamingTheSetting()
    {
        using var workspace = new BadInput.BadInputWorkspace();
        var spec = workspace.Spec("name", "\"small\"");
        var before = workspace.Snapshot();
        Environment.SetEnvironmentVariable("Training__SlotMemory", "256KiB");
        try
        {
            var run = await CliRun.InvokeAsync(["run", spec, .. workspace.RunOptions]);

            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"capgrid: {spec}: grid: 64 x 2 hidden layers needs about ", line);
            Assert.EndsWith("more than the 256.0 KiB a training slot has (Training:SlotMemory)", line);
            Assert.Equal(before, workspace.Snapshot());
        }
        finally
        {
            Environment.SetEnvironmentVariable("Training__SlotMemory", null);
        }
    }

    [Fact]
    public async Task Run_WithAMultiplyAddRateFromTheEnvironment_AsksForYesForARunOverADay()
    {
        using var workspace = new BadInput.BadInputWorkspace();
        var spec = workspace.Spec("name", "\"slow\"");
        Environment.SetEnvironmentVariable("Training__MultiplyAddsPerSecond", "1");
        try
        {
            var run = await CliRun.InvokeAsync(["run", spec, "--slots", "2", .. workspace.RunOptions]);

            Assert.Equal(2, run.ExitCode);
            Assert.Matches(@"^capgrid: .*: --yes: needed for a run of an estimated [0-9.]+ days \(more than a day\): 20 points, 15 epochs each, .* on 2 slots at 1\.00e0 multiply-adds/s each\n$", run.Error);
            Assert.False(Directory.Exists(workspace.Data));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Training__MultiplyAddsPerSecond", null);
        }
    }
}
