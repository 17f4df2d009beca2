using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentConsole.Tests.Integration;

/// <summary>
/// 3,000 valid requests to the bot API, mutated at random from a fixed seed (truncated, bytes flipped,
/// values swapped for another type, nulled, made huge or nested deep): every answer is a success
/// or a 4xx with problem details, never a 5xx (counted apart, so a 500 is named as one).
/// </summary>
public sealed class MutationProbeTests : ApiTestBase
{
    private const int Seed = 20261126, VariantsPerEndpoint = 1_000;

    [Fact]
    public async Task MutatedRequestsGetA2xxOrA4xxProblemNeverA5xx()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var (successes, refusals, serverErrors) = (0, 0, 0);

        for (var i = 0; i < VariantsPerEndpoint * 3; i++)
        {
            var (method, path, valid) = (i % 3) switch
            {
                0 => (HttpMethod.Post, $"/api/v1/conversations/probe-{i}/events", ValidBatch()),
                1 => (HttpMethod.Put, $"/api/v1/customers/probe-{i}", ValidProfile()),
                _ => (HttpMethod.Post, "/api/v1/triggers/evaluate", ValidEvaluation()),
            };
            var body = Mutate(valid, random, out var mutation);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            using var response = await Bot.SendAsync(new HttpRequestMessage(method, path) { Content = content });

            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status is >= 200 and < 300) successes++;
            else if (status is >= 400 and < 500 && problem) refusals++;
            else
            {
                if (status >= 500) serverErrors++;
                failures.Add($"{method} {path} ({mutation}) -> {status}: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 300)]}");
            }
        }

        Assert.Equal(0, serverErrors);
        Assert.Empty(failures);
        // The probe is only worth something if it produces both kinds of answer.
        Assert.True(successes > 0 && refusals > successes, $"{successes} successes, {refusals} refusals");
    }

    private static byte[] Mutate(JsonNode valid, Random random, out string mutation)
    {
        switch (random.Next(7))
        {
            case 0:
                mutation = "truncated";
                var whole = Encoding.UTF8.GetBytes(valid.ToJsonString());
                return whole[..random.Next(1, whole.Length)];
            case 1:
                mutation = "bytes flipped";
                var bytes = Encoding.UTF8.GetBytes(valid.ToJsonString());
                for (var n = random.Next(1, 4); n > 0; n--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
                mutation = "type swapped";
                Replace(valid, random, AnyValue(random));
                break;
            case 3:
                mutation = "nulled";
                Replace(valid, random, null);
                break;
            case 4:
                mutation = "huge number";
                Replace(valid, random, JsonNode.Parse(random.Next(4) switch { 0 => "1e400", 1 => "-1e400", 2 => "123456789012345678901234567890", _ => "1e-400" }));
                break;
            case 5:
                mutation = "nested deep";
                var depth = random.Next(20, 80);
                Replace(valid, random, JsonNode.Parse(new string('[', depth) + "1" + new string(']', depth), documentOptions: new() { MaxDepth = 200 }));
                break;
            default:
                mutation = "lone surrogate";
                var text = valid.ToJsonString();
                var quote = text.IndexOf("\":\"", random.Next(text.Length / 2), StringComparison.Ordinal);
                return Encoding.UTF8.GetBytes(quote < 0 ? text : text.Insert(quote + 3, "\\uD800"));
        }
        return Encoding.UTF8.GetBytes(valid.ToJsonString());
    }

    /// <summary>Replaces a value picked at random anywhere in the document.</summary>
    private static void Replace(JsonNode root, Random random, JsonNode? value)
    {
        var slots = new List<(JsonNode Parent, string? Name, int Index)>();
        Collect(root, slots);
        var (parent, name, index) = slots[random.Next(slots.Count)];
        if (name is not null) parent.AsObject()[name] = value;
        else parent.AsArray()[index] = value;
    }

    private static void Collect(JsonNode? node, List<(JsonNode Parent, string? Name, int Index)> slots)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                slots.Add((obj, name, -1));
                Collect(child, slots);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                slots.Add((array, null, i));
                Collect(array[i], slots);
            }
        }
    }

    private static JsonNode? AnyValue(Random random) => random.Next(7) switch
    {
        0 => 42,
        1 => "text",
        2 => true,
        3 => new JsonArray(1, "two"),
        4 => new JsonObject { ["x"] = 1 },
        5 => "",
        _ => -0.5,
    };

    private static JsonNode ValidBatch() => new JsonObject
    {
        ["channel"] = "web",
        ["customer"] = new JsonObject { ["externalId"] = "cus-probe", ["name"] = "Probe", ["tier"] = "Business", ["annualContractValue"] = 14000, ["products"] = new JsonArray("SSO") },
        ["page"] = new JsonObject { ["url"] = "https://app.example.com/billing", ["title"] = "Billing" },
        ["events"] = new JsonArray(
            CustomerMessage("e1", "I was charged twice this month", 1),
            BotMessage("e2", "Let me check your invoices.", 0.64, 2),
            new JsonObject { ["id"] = "e3", ["type"] = "bot.attempted_solution", ["at"] = At(3), ["description"] = "Looked up invoices", ["outcome"] = "partially_worked" },
            new JsonObject { ["id"] = "e4", ["type"] = "customer.tried", ["at"] = At(4), ["description"] = "Removed the old card" },
            new JsonObject { ["id"] = "e5", ["type"] = "page.viewed", ["at"] = At(5), ["url"] = "https://app.example.com/invoices", ["title"] = "Invoices" },
            new JsonObject { ["id"] = "e6", ["type"] = "bot.handoff_requested", ["at"] = At(6), ["reason"] = "refund over the limit" }),
    };

    private static JsonNode ValidProfile() => new JsonObject
    {
        ["name"] = "Grace Hopper", ["email"] = "grace@navy.example", ["tier"] = "Enterprise", ["annualContractValue"] = 50000,
        ["customerSince"] = "2024-03-01", ["usageTrend"] = "declining", ["recentDowngrade"] = false, ["lastFeedbackScore"] = 4,
        ["products"] = new JsonArray("Analytics", "SSO"),
    };

    private static JsonNode ValidEvaluation() => new JsonObject
    {
        ["id"] = 7,
        ["messages"] = new JsonArray(
            new JsonObject { ["author"] = "customer", ["text"] = "I was charged twice, I want a refund" },
            new JsonObject { ["author"] = "bot", ["text"] = "I can't help with refunds", ["confidence"] = 0.3, ["at"] = At(2) }),
        ["customer"] = new JsonObject { ["tier"] = "Enterprise" },
    };
}
