using System.Text.RegularExpressions;

namespace CapacityGrid.ServiceDefaults;

/// <summary>
/// Removes storage secrets from text bound for a console, a log or a file: account keys and SAS tokens of Azure
/// Storage connection strings, and the signature of SAS URIs (Azure's exceptions quote request URIs).
/// </summary>
public static partial class SecretRedaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every account key, SAS token and SAS signature replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        var redacted = ConnectionStringSecret().Replace(text, m => $"{m.Groups["key"].Value}={Mask}");
        return SignatureParameter().Replace(redacted, m => $"{m.Groups["key"].Value}={Mask}");
    }

    // AccountKey=...; SharedAccessSignature=...; up to the next ';', quote or whitespace.
    [GeneratedRegex(@"(?<key>AccountKey|SharedAccessSignature|SharedAccessKey)=[^;""'\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();

    // sig=... in a SAS query string.
    [GeneratedRegex(@"(?<key>(?<=[?&;\s]|^)sig)=[^&;""'\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SignatureParameter();
}
