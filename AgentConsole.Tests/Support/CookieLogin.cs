using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentConsole.Tests.Support;

/// <summary>Signs in through the real login form: fetch the page, post its antiforgery token with the credentials.</summary>
public static partial class CookieLogin
{
    /// <summary>The address test clients use: https, since outside Development every cookie is <c>Secure</c> and a cookie jar sends those only over https.</summary>
    public static readonly Uri BaseAddress = new("https://localhost/");

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each 302.</summary>
    public static HttpClient Client<T>(WebApplicationFactory<T> factory) where T : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });

    /// <summary>Posts the login form; returns the response (302 on success, 200 with an error otherwise).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Token().Match(page).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var path = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(path, form);
    }

    /// <summary>A client signed in as <paramref name="email"/>; fails the test if the login does not succeed.</summary>
    public static async Task<HttpClient> SignInAsync<T>(WebApplicationFactory<T> factory, string email, string password) where T : class
    {
        var client = Client(factory);
        using var response = await PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
