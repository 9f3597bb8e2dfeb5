using Orleans.Runtime.Messaging;

namespace CapacityGrid.Client.Connection;

/// <summary>
/// Orleans' own policy for the client's first connection (retry a refused or rejected connection after 1.5 s, 3 s,
/// 4.5 s, ... up to 15 times) that also keeps the last failure, so the one-line error can say what went wrong, and
/// gives up after two connections in a row that a gateway accepted and then dropped in the handshake: TLS on one
/// side only, or another certificate, does not mend itself.
/// </summary>
internal sealed class RecordingRetryFilter : IClientConnectionRetryFilter
{
    private const int MaxRetries = 15;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1_500);
    private int _retries;
    private int _dropped;

    /// <summary>The last failed connection attempt, if any.</summary>
    public Exception? LastFailure { get; private set; }

    /// <inheritdoc />
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LastFailure = exception;
        _dropped = DroppedHandshake(exception) is null ? 0 : _dropped + 1;
        if (_retries >= MaxRetries || _dropped >= 2 || cancellationToken.IsCancellationRequested
            || exception is not (OrleansMessageRejectionException or ConnectionFailedException))
        {
            return false;
        }
        _retries++;
        await Task.Delay(Step * _retries, cancellationToken);
        return true;
    }

    /// <summary>
    /// What a gateway that accepted the connection and then dropped it said, or null when none answered at all: a TLS
    /// silo closes a plain connection before Orleans' preamble; a TLS client's connection fails to initialise when the
    /// silo rejects its certificate, and its handshake fails against a plain silo.
    /// </summary>
    public static string? DroppedHandshake(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return $"TLS handshake failed: {e.Message.Split('\n')[0]}";
            }
            if (e is InvalidOperationException && e.Message.Contains("terminated prematurely", StringComparison.Ordinal))
            {
                return "closed before the Orleans handshake";
            }
            if (e is Microsoft.AspNetCore.Connections.ConnectionAbortedException && e.Message.Contains("initialization failed", StringComparison.Ordinal))
            {
                // What a TLS client sees when the silo rejects its certificate.
                return "the connection's TLS initialization failed";
            }
        }
        return null;
    }
}
