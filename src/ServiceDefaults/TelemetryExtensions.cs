using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CapacityGrid.ServiceDefaults;

/// <summary>
/// The one place OpenTelemetry is wired, for silos and clients alike. Exporters follow the standard
/// OTEL_* environment variables (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set); <c>Telemetry:Console=true</c>
/// adds the console exporter.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters of CapacityGrid and of Orleans.</summary>
    public static readonly string[] Sources = ["CapacityGrid.*", "Microsoft.Orleans.*"];

    /// <summary>Adds tracing and metrics for <paramref name="serviceName"/>.</summary>
    public static IHostApplicationBuilder AddCapacityGridTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = string.Equals(builder.Configuration["Telemetry:Console"], "true", StringComparison.OrdinalIgnoreCase);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource(Sources);
                if (console)
                {
                    t.AddConsoleExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Sources);
                if (console)
                {
                    m.AddConsoleExporter();
                }
            });
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }
}
