using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Serialization;
using Orleans.Serialization;

namespace CapacityGrid.Grains.Storage;

/// <summary>Wires the grid's blob storage: the <c>Storage</c> section and the blob client every store shares.</summary>
public static class StorageServiceExtensions
{
    /// <summary>Binds <see cref="GridStorageOptions"/> and registers the <see cref="BlobServiceClient"/> built from it.</summary>
    public static IServiceCollection AddGridStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GridStorageOptions>().Bind(configuration.GetSection(GridStorageOptions.Section));
        // After Orleans' own post-configuration, which sets the binder this one wraps.
        services.PostConfigure<OrleansJsonSerializerOptions>(o =>
            o.JsonSerializerSettings.SerializationBinder = new MovedTypeBinder(o.JsonSerializerSettings.SerializationBinder ?? new DefaultSerializationBinder()));
        services.AddSingleton(sp => Blobs(
            sp.GetRequiredService<IOptions<GridStorageOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<StorageRetryWarningPolicy>()));
        return services;
    }

    /// <summary>The blob client of the grid's storage, retrying failed requests as the options say and logging each retry to <paramref name="logger"/>.</summary>
    public static BlobServiceClient Blobs(GridStorageOptions storage, ILogger logger)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(new StorageRetryWarningPolicy(logger), Azure.Core.HttpPipelinePosition.PerRetry);
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = storage.MaxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = storage.MaxRetryDelay;
        return new BlobServiceClient(storage.ConnectionString, options);
    }
}
