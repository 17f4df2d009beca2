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
        var path = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(path, Form(page, email, password));
    }

    /// <summary>
    /// Signs in with a client that keeps no cookies, carrying the antiforgery cookie by hand, and
    /// returns the sign-in cookie (<c>name=value</c>) to send to any app.
    /// </summary>
    public static async Task<string> SignInCookieAsync<T>(WebApplicationFactory<T> factory, string email, string password) where T : class
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        using var page = await client.GetAsync("/account/login");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = Form(await page.Content.ReadAsStringAsync(), email, password) };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("AgentConsole.Auth=", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(string page, string email, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    });

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
