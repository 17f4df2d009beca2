using System.Net.Http.Headers;
using System.Text;

namespace AgentConsole.Core.Delivery;

/// <summary>What one webhook attempt came to.</summary>
/// <param name="Delivered">The receiver answered with a 2xx status.</param>
/// <param name="Error">Why it failed: the status, a connection error or a timeout.</param>
public sealed record DeliveryOutcome(bool Delivered, string? Error)
{
    public static readonly DeliveryOutcome Success = new(true, null);

    public static DeliveryOutcome Failure(string error) => new(false, error);
}

/// <summary>
/// Sends one envelope to a bot's callback URL as a signed <c>POST</c> of JSON. The HTTP client it
/// is given carries the resilience handler (quick retries with backoff and jitter, a timeout per
/// try); the outbox's own schedule takes over after that.
/// </summary>
/// <param name="clients">Makes the HTTP client for a send: the host's named client, so its handlers are pooled and renewed.</param>
/// <param name="time">The clock the signature's timestamp is read from.</param>
public sealed class WebhookSender(Func<HttpClient> clients, TimeProvider time)
{
    /// <summary>The name of the HTTP client the host configures for webhooks.</summary>
    public const string ClientName = "webhooks";

    /// <summary>Posts <paramref name="envelope"/> to <paramref name="url"/>, signed with <paramref name="secret"/>.</summary>
    public async Task<DeliveryOutcome> SendAsync(string url, string secret, DeliveryEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var body = envelope.ToJson();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // The quick retries resend this request, timestamp included: they end well within a receiver's replay window.
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, time.GetUtcNow(), body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, envelope.Id);
        request.Headers.Add(WebhookSignature.EventHeader, envelope.Type);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AgentConsole-Webhooks", "1"));
        try
        {
            using var response = await clients().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? DeliveryOutcome.Success
                : DeliveryOutcome.Failure($"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A refused connection, a reset, or the resilience handler's timeout (which is no OperationCanceledException).
            return DeliveryOutcome.Failure(e is OperationCanceledException or TimeoutException || e.GetType().Name.Contains("Timeout", StringComparison.Ordinal)
                ? "The receiver did not answer in time."
                : $"{e.GetType().Name}: {e.Message}");
        }
    }
}
