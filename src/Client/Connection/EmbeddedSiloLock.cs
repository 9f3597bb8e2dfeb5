using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CapacityGrid.Silo.Storage;

namespace CapacityGrid.Client.Connection;

/// <summary>
/// One embedded silo per storage: the capgrid process that hosts a silo holds an exclusive OS lock on a file named
/// by the storage's blob endpoint for its whole life, and beside it publishes where its gateway listens. Another
/// capgrid process that finds the lock held connects to that gateway instead of starting a competing silo. The
/// kernel drops the lock when the process ends, however it ends, so a file left by a killed process is stale and the
/// next process takes the lock over.
/// </summary>
public sealed class EmbeddedSiloLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerFile;

    private EmbeddedSiloLock(FileStream held, string ownerFile)
    {
        _lock = held;
        _ownerFile = ownerFile;
    }

    /// <summary>
    /// The folder of the lock files: per user and machine, since a storage endpoint such as 127.0.0.1:10000 is
    /// shared by every folder a user runs capgrid in.
    /// </summary>
    public static string Folder => Path.Combine(Path.GetTempPath(), $"capgrid-{Environment.UserName}");

    /// <summary>Takes the lock for <paramref name="connectionString"/>'s storage, or returns null if a live process holds it.</summary>
    public static EmbeddedSiloLock? TryAcquire(string connectionString)
    {
        var (lockFile, ownerFile) = Paths(connectionString);
        Directory.CreateDirectory(Folder);
        try
        {
            // FileShare.None is an exclusive flock on Unix (and a sharing mode on Windows): held until the process ends.
            var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Whatever an earlier owner published is stale now: its process is gone.
            File.Delete(ownerFile);
            return new EmbeddedSiloLock(held, ownerFile);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The process holding the lock and its gateway, once it has published them; null while nobody holds the lock or
    /// the holder is still starting its silo.
    /// </summary>
    public static EmbeddedSiloOwner? ReadOwner(string connectionString)
    {
        var (_, ownerFile) = Paths(connectionString);
        try
        {
            return JsonSerializer.Deserialize<EmbeddedSiloOwner>(File.ReadAllText(ownerFile));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True while a live process holds the lock for the storage.</summary>
    public static bool IsHeld(string connectionString)
    {
        using var probe = TryAcquire(connectionString);
        return probe is null;
    }

    /// <summary>Tells other capgrid processes where this process's silo accepts clients (written once its gateway listens).</summary>
    public void Publish(int gatewayPort)
    {
        var owner = new EmbeddedSiloOwner(Environment.ProcessId, gatewayPort, DateTimeOffset.UtcNow);
        // Written aside and moved into place, so a reader never sees half a file.
        var temporary = _ownerFile + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(owner));
        File.Move(temporary, _ownerFile, overwrite: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The owner file goes first: a process that then finds the lock free never reads a gateway that is gone.
        // The lock file itself stays, so two processes never lock two different files of the same name.
        try
        {
            File.Delete(_ownerFile);
        }
        catch (IOException)
        {
        }
        _lock.Dispose();
    }

    private static (string Lock, string Owner) Paths(string connectionString)
    {
        var endpoint = StorageEndpoint.Parse(connectionString).Blob.AbsoluteUri.TrimEnd('/').ToLowerInvariant();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)))[..16];
        return (Path.Combine(Folder, $"silo-{key}.lock"), Path.Combine(Folder, $"silo-{key}.json"));
    }
}

/// <summary>The capgrid process that hosts the embedded silo of a storage, and the loopback port of its gateway.</summary>
public sealed record EmbeddedSiloOwner(int ProcessId, int GatewayPort, DateTimeOffset Started);
