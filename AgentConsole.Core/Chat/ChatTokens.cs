using System.Security.Cryptography;
using System.Text;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The widget's conversation tokens: 256 random bits, base64url, kept in the customer's browser.
/// The store keeps only their SHA-256, so a leaked database opens no conversation.
/// </summary>
public static class ChatTokens
{
    /// <summary>The length of every token this class makes.</summary>
    public const int Length = 43;

    /// <summary>A new token.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of the token's UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> has the shape of a token, before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
