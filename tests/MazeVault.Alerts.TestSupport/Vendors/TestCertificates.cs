using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>Self-signed certificates made in the test, for local HTTPS endpoints and certificate credentials.</summary>
public static class TestCertificates
{
    /// <summary>A server certificate for 127.0.0.1 and localhost, valid for a day, with its private key.</summary>
    public static X509Certificate2 CreateLoopbackServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Writes a client certificate as a password-protected .pfx file (what O365_CERTIFICATE_PATH points at).</summary>
    public static string WriteClientPfx(string directory, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mazevault-test-client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(directory, $"client-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, created.Export(X509ContentType.Pfx, password));
        return path;
    }
}
