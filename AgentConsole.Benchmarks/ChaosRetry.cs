using System.Net;

namespace AgentConsole.Benchmarks;

/// <summary>
/// How the chaos clients send, as a real bot or widget does: the same request again after a
/// timeout, a connection error, a 5xx or a 429, with a short random pause, until it gets a 2xx or
/// another 4xx, or the run gives up on it.
/// </summary>
internal static class ChaosRetry
{
    /// <summary>The reply's body on a 2xx; null when the app refused the request or <paramref name="giveUp"/> fired first.</summary>
    public static async Task<byte[]?> SendAsync(HttpClient http, Func<HttpRequestMessage> request, ChaosLog log, CancellationToken giveUp)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                log.Retried();
                try { await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1_000)), giveUp); }
                catch (OperationCanceledException) { return null; }
            }
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message, giveUp);
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsByteArrayAsync(giveUp);
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    log.WasRefused($"{message.Method} {message.RequestUri}", (int)response.StatusCode);
                    return null;
                }
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested) { return null; }
            // A timeout (HttpClient's own), a refused or dropped connection: the app may be down; the next try tells.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
        }
    }
}
