using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace CapacityGrid.Grains.Storage;

/// <summary>
/// Makes storage retries visible: logs a warning when a request is tried again (the storage SDK retries
/// quietly), so an outage shows in the silo's log while the grid waits it out.
/// </summary>
public sealed partial class StorageRetryWarningPolicy(ILogger logger) : HttpPipelinePolicy
{
    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Warn(message);
        ProcessNext(message, pipeline);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Warn(message);
        return ProcessNextAsync(message, pipeline);
    }

    private const string AttemptKey = "capgrid.storage.attempt";

    // A per-retry policy runs once for each attempt of a request: count them on the message.
    private void Warn(HttpMessage message)
    {
        var attempt = message.TryGetProperty(AttemptKey, out var value) && value is int previous ? previous + 1 : 1;
        message.SetProperty(AttemptKey, attempt);
        if (attempt > 1)
        {
            LogRetry(message.Request.Method.ToString(), message.Request.Uri.Host ?? "?", message.Request.Uri.Port, attempt - 1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage at {Host}:{Port} did not answer a {Method} request; retry {Retry} (results are kept, training waits)")]
    private partial void LogRetry(string method, string host, int port, int retry);
}
