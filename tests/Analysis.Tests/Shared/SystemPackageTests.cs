using CapacityGrid.Tests.Shared;
using Xunit.Sdk;

namespace CapacityGrid.Analysis.Tests.Shared;

public sealed class SystemPackageTests
{
    private static readonly SystemPackage Missing = new("no-such-package", "/nonexistent/capgrid/no-such-package", "a test package");

    [Fact]
    public void Require_OfAMissingPackage_SkipsNamingThePackageAndItsAptGetLine()
    {
        string? skipped = null;
        try
        {
            Missing.Require(requireVariableValue: null);
        }
        catch (SkipException skip)
        {
            skipped = skip.Message;
        }

        Assert.NotNull(skipped);
        Assert.Contains("needs a test package (/nonexistent/capgrid/no-such-package missing): apt-get install no-such-package", skipped);
    }

    [Fact]
    public void Require_OfAMissingPackageWhenCiRequiresThemAll_FailsInsteadOfSkipping()
    {
        var failure = Assert.Throws<FailException>(() => Missing.Require(requireVariableValue: "1"));

        Assert.Contains("apt-get install no-such-package", failure.Message);
        Assert.Contains(SystemPackage.RequireVariable, failure.Message);
    }

    [Fact]
    public void Require_OfAnInstalledPackage_ReturnsEvenWhenCiRequiresThemAll()
    {
        var present = new SystemPackage("coreutils", "/bin/sh", "a shell");

        present.Require(requireVariableValue: "1");
        present.Require(requireVariableValue: null);

        Assert.True(present.IsInstalled);
    }
}
