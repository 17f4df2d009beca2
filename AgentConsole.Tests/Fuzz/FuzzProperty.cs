using System.Net.Http.Headers;
using System.Text.Json;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// The property every public input is held to: the answer is a 2xx, or a 4xx with problem details
/// (application/problem+json with its title and status); never a 5xx or a dropped connection; and a
/// refused request leaves the store exactly as it was.
/// </summary>
public sealed class FuzzProperty(IServiceProvider services, AgentConsole.Tests.Support.TempDatabase database) : IDisposable
{
    private readonly StoreChecksum _store = new(database);

    /// <summary>The property over the app <paramref name="factory"/> hosts.</summary>
    public FuzzProperty(AgentConsoleFactory factory) : this(factory.Services, factory.Database) { }

    /// <summary>
    /// Sends the request and checks the property. <paramref name="accepted"/>, given a 2xx answer's
    /// status and body, says what the accepted request must have done to the store; <paramref name="headers"/>
    /// sets the request's headers, such as its credentials.
    /// </summary>
    public async Task<FuzzOutcome> SendAsync(HttpClient client, HttpMethod method, string path, FuzzBody body,
        Func<int, JsonElement, StoreChange>? accepted = null, Action<HttpRequestMessage>? headers = null)
    {
        var before = await SettledChecksumAsync();
        var request = new HttpRequestMessage(method, path);
        headers?.Invoke(request);
        var content = new ByteArrayContent(body.Bytes);
        if (body.ContentType is not null && MediaTypeHeaderValue.TryParse(body.ContentType, out var type)) content.Headers.ContentType = type;
        else if (body.ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
        request.Content = content;

        HttpResponseMessage response;
        try { response = await client.SendAsync(request); }
        catch (HttpRequestException e) { return FuzzOutcome.Failed($"the connection was dropped: {e.Message}"); }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (AnswerFailure(response, text) is { } failure) return new FuzzOutcome(false, body.IsValid, failure);
            var after = await SettledChecksumAsync();
            if (status >= 400)
                return new FuzzOutcome(false, body.IsValid, before == after ? null : $"{status} refused the request but the store changed");
            var expected = accepted?.Invoke(status, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement) ?? StoreChange.Any;
            if (expected == StoreChange.Changed && before == after)
                return new FuzzOutcome(true, body.IsValid, $"{status} accepted the request but the store did not change: {text}");
            if (expected == StoreChange.Unchanged && before != after)
                return new FuzzOutcome(true, body.IsValid, $"{status} must store nothing but the store changed: {text}");
            return new FuzzOutcome(true, body.IsValid, null);
        }
    }

    /// <summary>Why the answer breaks the property, or null: a 5xx, a 4xx without problem details, anything else.</summary>
    public static string? AnswerFailure(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300) return null;
        if (status is < 400 or >= 500) return $"answered {status}: {text}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"answered {status} without problem details ({response.Content.Headers.ContentType}): {text}";
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            if (!problem.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
                return $"answered {status} with problem details without a title: {text}";
            if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
                return $"answered {status} with problem details of another status: {text}";
        }
        catch (JsonException) { return $"answered {status} with problem details that are not JSON: {text}"; }
        return null;
    }

    /// <summary>
    /// The store's checksum once the routing engine has nothing left in flight: an accepted request's
    /// follow-up writes (routing an escalation) land before a later case's "before".
    /// </summary>
    public async Task<string> SettledChecksumAsync()
    {
        var engine = services.GetRequiredService<IRoutingDesk>();
        var checksum = _store.Compute();
        for (var i = 0; i < 20; i++)
        {
            await engine.FlushAsync();
            var again = _store.Compute();
            if (again == checksum) return checksum;
            checksum = again;
        }
        return checksum;
    }

    public void Dispose() => _store.Dispose();
}

/// <summary>What an accepted request must have done to the store.</summary>
public enum StoreChange
{
    /// <summary>Either: a retry, or an update to the same values, changes nothing.</summary>
    Any,
    /// <summary>Stored something.</summary>
    Changed,
    /// <summary>Stored nothing, such as an evaluation.</summary>
    Unchanged,
}
