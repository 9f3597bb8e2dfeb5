using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CapacityGrid.Silo.Hosting.Tls;

namespace CapacityGrid.Client.Tests.Security;

/// <summary>Self-signed certificates for the TLS tests.</summary>
internal static class TestCertificates
{
    /// <summary>The password every test certificate file has.</summary>
    public const string Password = "test-password";

    /// <summary>
    /// A self-signed certificate for server and client authentication, written to <paramref name="folder"/>/<paramref name="name"/>.pfx
    /// with <see cref="Password"/>, and the TLS options that use it.
    /// </summary>
    public static GridTlsOptions Create(string folder, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=capgrid-test-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var path = Path.Combine(folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return new GridTlsOptions { Enabled = true, CertificatePath = path, CertificatePassword = Password };
    }
}
