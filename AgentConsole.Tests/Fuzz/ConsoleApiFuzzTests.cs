using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Integration;
using AgentConsole.Tests.Support;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// The console API under <c>/api/v1/console</c>, as a supervisor and as an agent: each action's body
/// generated valid for an open case (or a case id that is not one) and then mutated. Every answer is a
/// 2xx or a 4xx with problem details, and a refusal stores nothing.
/// </summary>
[Trait("Category", FuzzRun.Category)]
public sealed class ConsoleApiFuzzTests(ITestOutputHelper output) : ApiTestBase
{
    private const int CiIterations = 300;

    [Fact]
    public async Task ConsoleActionsAnswerSuccessOrProblemAndRefusalsStoreNothing()
    {
        // Arrange: cases to act on, besides the seeded ones, and the two callers.
        for (var i = 0; i < 20; i++)
            using (var opened = await Bot.PostAsync("/api/v1/cases", new StringContent(DirectCase(i), System.Text.Encoding.UTF8, "application/json")))
                Assert.True(opened.IsSuccessStatusCode);
        var snapshot = await Factory.Services.GetRequiredService<IRoutingDesk>().SnapshotAsync();
        var cases = snapshot.Cases.Select(c => c.Id).ToArray();
        var agents = snapshot.Agents.Select(a => a.Id).ToArray();
        var callers = new[]
        {
            new AuthenticationHeaderValue("Bearer", await ConsoleTokens.IssueAsync(Factory.Services, role: "Supervisor")),
            new AuthenticationHeaderValue("Bearer", await ConsoleTokens.IssueAsync(Factory.Services, "marcus.okafor@agentconsole.demo")),
        };
        using var client = Factory.CreateClient();
        using var property = new FuzzProperty(Factory);

        var caseId = Gen.Frequency((8, Gen.OneOf(cases).Select(id => id.ToString())), (1, Gen.OneOf("0", "-1", "999999", "9223372036854775807")));
        var agentId = Gen.Frequency((8, Gen.OneOf(agents)), (1, Gen.Const(Guid.Empty)), (1, Gen.Guid));
        var gen =
            from action in Gen.Int[0, 6]
            from id in caseId
            from agent in agentId
            from text in ValidRequests.Text
            from flag in Gen.Bool
            from skill in Gen.OneOf("Billing", "Technical", "Security", "Retention")
            from presence in Gen.OneOf("Available", "Busy", "Away", "InMeeting", "Offline")
            let request = action switch
            {
                0 => ($"cases/{id}/decline", (JsonNode)new JsonObject { ["reason"] = text }),
                1 => ($"cases/{id}/reassign", new JsonObject { ["agentId"] = flag ? agent : null, ["note"] = text, ["overrideCapacity"] = flag }),
                2 => ($"cases/{id}/transfer", flag ? new JsonObject { ["skill"] = skill, ["note"] = text } : new JsonObject { ["agentId"] = agent, ["note"] = text, ["overrideCapacity"] = true }),
                3 => ($"cases/{id}/engineering", new JsonObject { ["title"] = text, ["stepsToReproduce"] = new JsonArray(text, "then it fails"), ["expected"] = "works", ["actual"] = text }),
                4 => ($"cases/{id}/reply", new JsonObject { ["text"] = text }),
                5 => ($"cases/{id}/resolve", new JsonObject { ["note"] = text }),
                _ => ($"agents/{agent}/presence", new JsonObject { ["presence"] = presence }),
            }
            from body in JsonMutations.Of(Gen.Const(request.Item2).Select(b => b.DeepClone()))
            from caller in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Const(1)))
            select (Method: action == 6 ? HttpMethod.Put : HttpMethod.Post, Path: $"/api/v1/console/{request.Item1}", Body: body, Caller: caller);

        var tally = await FuzzRun.CheckAsync(output, "console API", CiIterations, gen,
            c => property.SendAsync(client, c.Method, c.Path, c.Body, headers: r => r.Headers.Authorization = callers[c.Caller]),
            c => $"{c.Method} {c.Path} as {(c.Caller == 0 ? "supervisor" : "Marcus")} {c.Body}");

        // Many valid actions are refused by the rules (an offer that is not the caller's, a resolved case), but not all.
        tally.AssertValidCasesAccepted(share: 0.2);
    }

    private static string DirectCase(int i) => new JsonObject
    {
        ["externalId"] = $"fuzz-console-{i}", ["channel"] = "email",
        ["customer"] = new JsonObject { ["externalId"] = $"cus-fuzz-{i}", ["tier"] = "Business" },
        ["messages"] = new JsonArray(new JsonObject { ["at"] = At(-60), ["text"] = i % 2 == 0 ? "I was charged twice, refund please" : "The export fails with an error" }),
    }.ToJsonString();
}
