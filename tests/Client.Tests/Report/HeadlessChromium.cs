using System.Diagnostics;
using System.Text.RegularExpressions;
using CapacityGrid.Tests.Shared;

namespace CapacityGrid.Client.Tests.Report;

/// <summary>Opens a page in Debian's headless Chromium and returns the DOM after its scripts ran.</summary>
internal static partial class HeadlessChromium
{

    /// <summary>The DOM of <paramref name="file"/> after up to 10 s of virtual time, with no network.</summary>
    public static async Task<string> DumpDomAsync(string file, CancellationToken cancellationToken)
    {
        SystemPackage.Chromium.Require();
        var profile = Directory.CreateTempSubdirectory("capgrid-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(SystemPackage.Chromium.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(file).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await errors}");
            return await dom;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>
    /// Per plot div of the report (<c>div.plot</c>): whether plotly drew its SVG, and how many data marks it holds
    /// (scatter points and bars, line paths, heat map images).
    /// </summary>
    public static IReadOnlyDictionary<string, (bool Svg, int Marks)> Plots(string dom)
    {
        var plots = new Dictionary<string, (bool, int)>();
        foreach (Match match in PlotDiv().Matches(dom))
        {
            var id = match.Groups[1].Value;
            var end = dom.IndexOf($"id=\"{id}-figure\"", match.Index, StringComparison.Ordinal);
            var body = dom[match.Index..(end < 0 ? dom.Length : end)];
            var marks = Count(body, "class=\"point\"") + Count(body, "class=\"js-line\"") + Count(body, "<image");
            plots[id] = (body.Contains("class=\"main-svg\"", StringComparison.Ordinal), marks);
        }
        return plots;
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [GeneratedRegex("<div class=\"plot[^\"]*\" id=\"(plot-[a-z-]+)\"")]
    private static partial Regex PlotDiv();
}
