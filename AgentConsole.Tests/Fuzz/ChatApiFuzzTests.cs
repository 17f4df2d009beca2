using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentConsole.Chat;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Integration.Chat;
using AgentConsole.Tests.Support;
using CsCheck;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// The chat widget's JSON API under <c>/api/chat</c>: starting a conversation, messages, the page,
/// typing and the rating, each generated valid and then mutated, with the conversation's token
/// kept, missing, malformed or another's, and now and then an Origin header. Every answer is a 2xx
/// or a 4xx with problem details, and a refusal stores nothing. The built-in bot is left out: it
/// answers after the request, on its own time, and has tests of its own.
/// </summary>
[Trait("Category", FuzzRun.Category)]
public sealed class ChatApiFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int CiIterations = 300;

    private readonly TempDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    [Fact]
    public async Task WidgetRequestsAnswerSuccessOrProblemAndRefusalsStoreNothing()
    {
        // Arrange: the app without the bot's background answers and with limits no fuzz run reaches.
        _factory = new AgentConsoleFactory(_database)
        {
            Settings = new Dictionary<string, string?>
            {
                ["Channel:MessagesPerMinute"] = "10000", ["Channel:RequestsPerMinutePerIp"] = "1000000", ["Channel:ConversationsPerHourPerIp"] = "100000",
            },
        }.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var bot = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(BuiltInBotService));
            services.Remove(bot);
        }));
        using var http = _factory.CreateClient();
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++) tokens.Add((await new ChatClient(http).StartAsync()).GetProperty("token").GetString()!);
        using var property = new FuzzProperty(_factory.Services, _database);

        var token = Gen.Frequency(
            (12, Gen.OneOf([.. tokens]).Select(t => (string?)t)),
            (1, Gen.Const(0).Select(_ => (string?)null)),
            (1, Gen.OneOf<string?>("", "x", "Bearer", new string('A', 43), new string('a', 5000), "%00", "../", "😀", tokens[0] + "x", tokens[0][..^1])));
        var origin = Gen.Frequency((12, Gen.Const(0).Select(_ => (string?)null)), (1, Gen.OneOf<string?>("https://evil.example", "null", "http://[::1", "localhost", "http://localhost")));
        var gen =
            from endpoint in Gen.Int[0, 4]
            from text in ValidRequests.Text
            from clientId in Gen.String[Gen.Char.AlphaNumeric, 8, 32]
            from score in Gen.Int[1, 5]
            from title in ValidRequests.Text
            let request = endpoint switch
            {
                0 => ("sessions", (JsonNode)new JsonObject { ["page"] = new JsonObject { ["url"] = "https://shop.example/p/1", ["title"] = title } }),
                1 => ("messages", new JsonObject { ["clientId"] = clientId, ["text"] = text }),
                2 => ("page", new JsonObject { ["url"] = "https://shop.example/help?q=1", ["title"] = title }),
                3 => ("rating", new JsonObject { ["score"] = score, ["comment"] = text }),
                _ => ("typing", new JsonObject()),
            }
            from body in JsonMutations.Of(Gen.Const(request.Item2).Select(b => b.DeepClone()), 16 * 1024)
            from t in body.IsValid ? Gen.OneOf([.. tokens]).Select(v => (string?)v) : token
            from o in body.IsValid ? Gen.Const(0).Select(_ => (string?)null) : origin
            select (Path: $"/api/chat/{request.Item1}", Body: body, Token: t, Origin: o);

        var tally = await FuzzRun.CheckAsync(output, "chat widget", CiIterations, gen,
            c => property.SendAsync(http, HttpMethod.Post, c.Path, c.Body,
                (status, _) => status is 201 or 202 ? StoreChange.Changed : StoreChange.Any,
                r =>
                {
                    if (c.Token is not null) r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {c.Token}");
                    if (c.Origin is not null) r.Headers.TryAddWithoutValidation("Origin", c.Origin);
                }),
            c => $"POST {c.Path} token {c.Token?[..Math.Min(12, c.Token.Length)]}… origin {c.Origin} {c.Body}");

        // A valid rating is refused (nothing to rate yet); the rest are accepted.
        tally.AssertValidCasesAccepted(share: 0.6);
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _database.Dispose();
    }
}
