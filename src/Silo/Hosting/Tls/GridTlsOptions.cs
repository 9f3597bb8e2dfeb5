namespace CapacityGrid.Silo.Hosting.Tls;

/// <summary>
/// TLS between silos and between clients and silos. Section <c>Tls</c>; off by default. Every silo and client of
/// a cluster uses the same settings: one certificate for the cluster (a PKCS#12 file) that each side presents and
/// each side expects of the other (mutual TLS), or, for development, <see cref="SelfSigned"/>.
/// </summary>
public sealed class GridTlsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tls";

    /// <summary>Encrypt every silo and gateway connection; peers without TLS cannot connect.</summary>
    public bool Enabled { get; set; }

    /// <summary>The cluster's certificate with its private key (PKCS#12, <c>.pfx</c>/<c>.p12</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Development only: make a self-signed certificate in memory at start and accept any peer's certificate.
    /// Connections are encrypted but peers are not authenticated.
    /// </summary>
    public bool SelfSigned { get; set; }
}
