using System.Security.Cryptography;
using System.Text;
using AgentConsole.Core.Delivery;

namespace AgentConsole.Tests.Core.Delivery;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private const string Body = """{"id":"d-1","type":"agent.message","data":{"text":"Hello"}}""";
    private static readonly DateTimeOffset At = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SignsTheTimestampAndBodyWithHmacSha256InHex()
    {
        var header = WebhookSignature.Sign(Secret, At, Body);

        // Computed here as a receiver would, from the documented recipe alone.
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{At.ToUnixTimeSeconds()}.{Body}")));
        Assert.Equal($"t={At.ToUnixTimeSeconds()},v1={expected}", header);
    }

    [Fact]
    public void VerifiesWithinTheReplayWindowOnly()
    {
        var header = WebhookSignature.Sign(Secret, At, Body);

        Assert.True(WebhookSignature.Verify(header, Body, Secret, At.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify(header, Body, Secret, At.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(header, Body, Secret, At.AddMinutes(-6)));
    }

    [Theory]
    [InlineData("""{"id":"d-1","type":"agent.message","data":{"text":"Hello!"}}""", Secret)]
    [InlineData(Body, "whsec_another-secret")]
    public void RefusesATamperedBodyOrTheWrongSecret(string body, string secret)
    {
        var header = WebhookSignature.Sign(Secret, At, Body);

        Assert.False(WebhookSignature.Verify(header, body, secret, At));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("t=1773478800")]
    public void RefusesAMalformedHeader(string? header)
    {
        Assert.False(WebhookSignature.Verify(header, Body, Secret, At));
    }
}
