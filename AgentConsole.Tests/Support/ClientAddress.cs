using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AgentConsole.Tests.Support;

/// <summary>
/// Gives test requests a client IP address: the test server's requests have none, so a request's
/// <see cref="Header"/> becomes its <c>RemoteIpAddress</c>. Register with
/// <c>services.AddSingleton&lt;IStartupFilter, ClientAddress&gt;()</c>.
/// </summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>Makes every request of <paramref name="client"/> come from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
