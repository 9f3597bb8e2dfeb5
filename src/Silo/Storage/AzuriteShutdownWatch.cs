namespace CapacityGrid.Silo.Storage;

/// <summary>
/// Follows Azurite's output after a stop signal: it completes <see cref="AllClosed"/> once the blob, queue and
/// table services have each reported "successfully closed", which Azurite prints after saving that service's metadata.
/// </summary>
public sealed class AzuriteShutdownWatch
{
    private static readonly string[] Services = ["Blob", "Queue", "Table"];
    private readonly HashSet<string> _closed = [];
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every service has reported that it closed.</summary>
    public Task AllClosed => _allClosed.Task;

    /// <summary>Reads one line of Azurite's output.</summary>
    public void Observe(string line)
    {
        var service = Services.FirstOrDefault(name => line.Contains($"Azurite {name} service successfully closed", StringComparison.Ordinal));
        if (service is null)
        {
            return;
        }
        lock (_closed)
        {
            if (_closed.Add(service) && _closed.Count == Services.Length)
            {
                _allClosed.TrySetResult();
            }
        }
    }
}
