namespace Jobstats.Testing;

/// <summary>Writes web configuration files (the exporter-toolkit format) as an admin would, for the published programs.</summary>
public static class TestWebConfig
{
    /// <summary>A bcrypt hash of <paramref name="password"/> at the lowest cost, so tests do not wait on bcrypt.</summary>
    public static string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, 4);

    /// <summary>TLS with the server certificate of <paramref name="certificates"/>, and one basic-auth user when given.</summary>
    public static string Write(string path, TestCertificates certificates, (string User, string Password)? basicAuth = null,
        bool requireClientCert = false)
    {
        var text = $"""
            tls_server_config:
              cert_file: {certificates.ServerCertFile}
              key_file: {certificates.ServerKeyFile}

            """;
        if (requireClientCert)
            text += $"""
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: {certificates.CaFile}

                """;
        if (basicAuth is { } auth)
            text += $"""
                basic_auth_users:
                  {auth.User}: {Hash(auth.Password)}

                """;
        File.WriteAllText(path, text);
        return path;
    }
}
