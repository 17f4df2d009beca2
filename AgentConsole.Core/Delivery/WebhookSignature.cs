using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Signs webhook bodies, and checks signatures as a receiver would. The header is
/// <c>X-AgentConsole-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where <c>v1</c> is the
/// lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes of the integration's webhook secret, of
/// <c>"{t}.{body}"</c>. Signing the timestamp with the body lets a receiver refuse an old request
/// replayed by someone who captured it.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "X-AgentConsole-Signature";

    /// <summary>The header that carries the delivery's id (also in the body).</summary>
    public const string DeliveryHeader = "X-AgentConsole-Delivery";

    /// <summary>The header that carries the event's type (also in the body).</summary>
    public const string EventHeader = "X-AgentConsole-Event";

    /// <summary>The replay window a receiver should allow: five minutes either way.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, timestamp, body)}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> is a valid signature of <paramref name="body"/> with
    /// <paramref name="secret"/>, made within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret) || body is null) return false;
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (name, value) = (part[..eq], part[(eq + 1)..]);
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (name == "v1") signatures.Add(value);
        }
        if (timestamp is not { } ts || signatures.Count == 0) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(ts)).Duration() > (tolerance ?? DefaultTolerance)) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, ts, body));
        // Constant time, so the time taken says nothing about how close a forged signature came.
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Compute(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return Convert.ToHexStringLower(mac);
    }
}
