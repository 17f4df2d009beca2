using System.Text.Json;
using AgentConsole.Tests.Integration;
using CsCheck;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// The bot API's inputs, generated valid and then mutated: the events batch, the customer profile,
/// the direct case and the evaluation. Every answer is a 2xx or a 4xx with problem details, a refused
/// request stores nothing, and the valid requests are accepted and stored.
/// </summary>
[Trait("Category", FuzzRun.Category)]
public sealed class BotApiFuzzTests(ITestOutputHelper output) : ApiTestBase
{
    // Cases per property in CI; an evaluation embeds every message, so it gets fewer.
    private const int CiIterations = 300, CiEvaluations = 80;

    [Fact]
    public async Task EventsBatchAnswersSuccessOrProblemAndRefusalsStoreNothing()
    {
        using var property = new FuzzProperty(Factory);
        var gen = from body in JsonMutations.Of(ValidRequests.Batch)
                  from id in PathId(body, "conv")
                  select (Path: $"/api/v1/conversations/{id}/events", Body: body);

        var tally = await FuzzRun.CheckAsync(output, "events batch", CiIterations, gen,
            c => property.SendAsync(Bot, HttpMethod.Post, c.Path, c.Body, (_, reply) => NewEvents(reply) > 0 ? StoreChange.Changed : StoreChange.Any),
            c => $"POST {c.Path} {c.Body}");

        tally.AssertValidCasesAccepted();
    }

    [Fact]
    public async Task CustomerProfileAnswersSuccessOrProblemAndRefusalsStoreNothing()
    {
        using var property = new FuzzProperty(Factory);
        var gen = from body in JsonMutations.Of(ValidRequests.Profile(externalId: false).Select(p => (System.Text.Json.Nodes.JsonNode)p))
                  from id in PathId(body, "cus")
                  select (Path: $"/api/v1/customers/{id}", Body: body);

        var tally = await FuzzRun.CheckAsync(output, "customer profile", CiIterations, gen,
            c => property.SendAsync(Bot, HttpMethod.Put, c.Path, c.Body, (status, _) => status == 201 ? StoreChange.Changed : StoreChange.Any),
            c => $"PUT {c.Path} {c.Body}");

        tally.AssertValidCasesAccepted();
    }

    [Fact]
    public async Task DirectCaseAnswersSuccessOrProblemAndRefusalsStoreNothing()
    {
        using var property = new FuzzProperty(Factory);
        var gen = JsonMutations.Of(ValidRequests.DirectCase);

        var tally = await FuzzRun.CheckAsync(output, "direct case", CiIterations / 2, gen,
            body => property.SendAsync(Bot, HttpMethod.Post, "/api/v1/cases", body, (status, _) => status == 201 ? StoreChange.Changed : StoreChange.Any),
            body => $"POST /api/v1/cases {body}");

        tally.AssertValidCasesAccepted();
    }

    [Fact]
    public async Task EvaluationAnswersSuccessOrProblemAndStoresNothing()
    {
        using var property = new FuzzProperty(Factory);
        var gen = JsonMutations.Of(ValidRequests.Evaluation);

        var tally = await FuzzRun.CheckAsync(output, "evaluation", CiEvaluations, gen,
            body => property.SendAsync(Bot, HttpMethod.Post, "/api/v1/triggers/evaluate", body, (_, _) => StoreChange.Unchanged),
            body => $"POST /api/v1/triggers/evaluate {body}");

        tally.AssertValidCasesAccepted();
    }

    /// <summary>A fresh valid id for a valid body; for a mutated one, now and then an id that is not valid.</summary>
    private static Gen<string> PathId(FuzzBody body, string prefix) =>
        body.IsValid ? ValidRequests.ExternalId(prefix) : Gen.Frequency((9, ValidRequests.ExternalId(prefix)), (1, ValidRequests.BadPathSegment));

    private static int NewEvents(JsonElement reply) => reply.TryGetProperty("newEvents", out var n) ? n.GetInt32() : 0;
}
