using System.Security.Cryptography;
using System.Text;

namespace AgentConsole.Core.Integrations;

/// <summary>
/// Makes and hashes integration API keys. Keys are 256 random bits, so one SHA-256 is enough to
/// store them safely; a slow password hash would only slow every request.
/// </summary>
public static class ApiKeys
{
    private const string KeyPrefix = "ac_";

    /// <summary>A new random key, shown to its owner once.</summary>
    public static string Generate() => KeyPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new random webhook secret (256 bits), for signing the webhooks sent to a bot.</summary>
    public static string GenerateWebhookSecret() => "whsec_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The first characters of a key, safe to show so people can tell keys apart.</summary>
    public static string Hint(string key) => key.Length <= 8 ? new string('*', key.Length) : key[..8] + "…";

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
