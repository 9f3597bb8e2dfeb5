using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace CapacityGrid.Silo.Hosting;

/// <summary>Builds a standalone silo host: a plain host, or a web host serving the Orleans Dashboard when it is enabled.</summary>
public static class SiloHost
{
    /// <summary>Builds the host from the command line, the environment and appsettings (and <paramref name="extra"/>, for tests).</summary>
    public static IHost Build(string[] args, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var web = WebApplication.CreateBuilder(args);
        if (extra is not null)
        {
            web.Configuration.AddInMemoryCollection(extra);
        }
        var dashboard = web.Configuration.GetSection(GridDashboardOptions.Section).Get<GridDashboardOptions>() ?? new GridDashboardOptions();
        if (!dashboard.Enabled)
        {
            // No web server at all unless the dashboard is on: a plain host with the same configuration.
            var plain = Host.CreateApplicationBuilder(args);
            plain.Configuration.AddConfiguration(web.Configuration);
            plain.AddCapacityGridSilo();
            return plain.Build();
        }
        web.WebHost.UseUrls(dashboard.Url);
        web.AddCapacityGridSilo();
        web.UseOrleans(silo => silo.AddDashboard());
        var app = web.Build();
        app.MapOrleansDashboard();
        return app;
    }
}
