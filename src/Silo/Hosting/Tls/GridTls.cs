using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace CapacityGrid.Silo.Hosting.Tls;

/// <summary>Wires <see cref="GridTlsOptions"/> into a silo or a client (Orleans' TLS connection middleware).</summary>
public static class GridTls
{
    /// <summary>The <c>Tls</c> section of <paramref name="configuration"/> (TLS off when absent).</summary>
    public static GridTlsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(GridTlsOptions.Section).Get<GridTlsOptions>() ?? new GridTlsOptions();

    /// <summary>Adds TLS to every silo-to-silo and gateway connection when <paramref name="options"/> enable it.</summary>
    /// <exception cref="InvalidOperationException">TLS is on without a usable certificate.</exception>
    public static ISiloBuilder UseGridTls(this ISiloBuilder silo, GridTlsOptions options)
    {
        if (options.Enabled)
        {
            var certificate = LoadCertificate(options);
            silo.UseTls(certificate, tls => Configure(tls, certificate, options));
        }
        return silo;
    }

    /// <summary>Adds TLS to the client's gateway connections when <paramref name="options"/> enable it.</summary>
    /// <exception cref="InvalidOperationException">TLS is on without a usable certificate.</exception>
    public static IClientBuilder UseGridTls(this IClientBuilder client, GridTlsOptions options)
    {
        if (options.Enabled)
        {
            var certificate = LoadCertificate(options);
            client.UseTls(certificate, tls => Configure(tls, certificate, options));
        }
        return client;
    }

    /// <summary>The certificate the options name, or a new self-signed one for development.</summary>
    /// <exception cref="InvalidOperationException">No certificate is configured, or it cannot be read.</exception>
    public static X509Certificate2 LoadCertificate(GridTlsOptions options)
    {
        if (options.SelfSigned)
        {
            return CreateDevelopmentCertificate();
        }
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            throw new InvalidOperationException("Tls:Enabled is true but Tls:CertificatePath is not set (or set Tls:SelfSigned=true for development)");
        }
        if (!File.Exists(options.CertificatePath))
        {
            throw new InvalidOperationException($"Tls:CertificatePath '{options.CertificatePath}' not found");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            // Not the password: it is a secret.
            throw new InvalidOperationException($"Tls:CertificatePath '{options.CertificatePath}' cannot be read as PKCS#12 with the given password ({e.GetType().Name})", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Tls:CertificatePath '{options.CertificatePath}' holds no private key");
        }
        return certificate;
    }

    // Mutual TLS: both sides present a certificate and both check the other's.
    private static void Configure(TlsOptions tls, X509Certificate2 local, GridTlsOptions options)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        if (options.SelfSigned)
        {
            tls.AllowAnyRemoteCertificate();
            return;
        }
        tls.RemoteCertificateValidation = (remote, _, errors) => Trusted(remote, local, errors);
    }

    // The cluster's own certificate (pinned by thumbprint), or one that chains to a trusted root. Silos are
    // addressed by IP, so a name mismatch alone is not a reason to refuse.
    private static bool Trusted(X509Certificate2? remote, X509Certificate2 local, SslPolicyErrors errors) =>
        remote is not null &&
        (string.Equals(remote.Thumbprint, local.Thumbprint, StringComparison.OrdinalIgnoreCase) ||
         (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None);

    private static X509Certificate2 CreateDevelopmentCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=capgrid-development", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
