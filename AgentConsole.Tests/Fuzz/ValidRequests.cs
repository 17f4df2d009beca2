using System.Text.Json.Nodes;
using AgentConsole.Tests.Integration;
using CsCheck;

namespace AgentConsole.Tests.Fuzz;

/// <summary>Generators of valid requests to each public input, before mutation.</summary>
public static class ValidRequests
{
    private static readonly string[] Words =
    [
        "I", "was", "charged", "twice", "refund", "my", "invoice", "login", "fails", "SSO", "password", "reset", "please", "help",
        "the", "export", "is", "broken", "since", "yesterday", "manager", "human", "now", "!!!", "why", "API", "key", "dashboard",
        "Grüße", "ça", "va", "日本語", "😀", "naïve", "straße", "İstanbul", "مرحبا", "שלום",
    ];

    /// <summary>Text a customer or bot could write: words, some of them not ASCII, 1 to 30 of them.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(Words).Array[1, 30].Select(words => string.Join(' ', words));

    /// <summary>An external id: letters and digits after a prefix, unlikely to repeat within a run.</summary>
    public static Gen<string> ExternalId(string prefix) => Gen.String[Gen.Char.AlphaNumeric, 10, 16].Select(s => $"{prefix}-{s}");

    /// <summary>An instant up to 30 days before the fake clock's start: never in the future.</summary>
    public static readonly Gen<string> At = Gen.Int[0, 30 * 86_400].Select(s => AgentConsoleFactory.Start.AddSeconds(-s).ToString("O"));

    private static readonly Gen<string> Url = Gen.OneOf("https://app.example.com/billing", "http://shop.example/p/1?x=2#y", "https://例え.jp/パス", "https://app.example.com/settings/sso");

    /// <summary>A customer profile, every field optional; <paramref name="externalId"/> adds the id a batch needs.</summary>
    public static Gen<JsonObject> Profile(bool externalId) =>
        from id in ExternalId("cus")
        from name in Text
        from tier in Gen.OneOf("Free", "Pro", "Business", "Enterprise", "enterprise")
        from acv in Gen.Int[0, 5_000_000]
        from trend in Gen.OneOf("Unknown", "Growing", "Stable", "Declining", "declining")
        from score in Gen.Int[1, 5]
        from downgrade in Gen.Bool
        from products in Gen.OneOf("SSO", "Analytics", "API", "Billing").Array[0, 4]
        from fields in Gen.Int[0, 255]
        select Build(externalId ? id : null, name, tier, acv, trend, score, downgrade, products, fields);

    private static JsonObject Build(string? id, string name, string tier, int acv, string trend, int score, bool downgrade, string[] products, int fields)
    {
        var profile = new JsonObject();
        if (id is not null) profile["externalId"] = id;
        if ((fields & 1) != 0) profile["name"] = name;
        if ((fields & 2) != 0) profile["email"] = $"{id ?? "someone"}@example.com";
        if ((fields & 4) != 0) profile["tier"] = tier;
        if ((fields & 8) != 0) profile["annualContractValue"] = acv;
        if ((fields & 16) != 0) profile["usageTrend"] = trend;
        if ((fields & 32) != 0) profile["lastFeedbackScore"] = score;
        if ((fields & 64) != 0) { profile["recentDowngrade"] = downgrade; profile["customerSince"] = "2024-03-01"; }
        if ((fields & 128) != 0) profile["products"] = new JsonArray([.. products.Select(p => (JsonNode)p)]);
        return profile;
    }

    /// <summary>One event of any type, with the given id.</summary>
    public static Gen<JsonObject> Event(string id) =>
        from type in Gen.Int[0, 5]
        from at in At
        from text in Text
        from confidence in Gen.Double[0, 1]
        from outcome in Gen.OneOf("unknown", "failed", "partially_worked", "succeeded")
        from url in Url
        select type switch
        {
            0 => new JsonObject { ["id"] = id, ["type"] = "customer.message", ["at"] = at, ["text"] = text },
            1 => new JsonObject { ["id"] = id, ["type"] = "bot.message", ["at"] = at, ["text"] = text, ["confidence"] = Math.Round(confidence, 3) },
            2 => new JsonObject { ["id"] = id, ["type"] = "bot.attempted_solution", ["at"] = at, ["description"] = text, ["outcome"] = outcome },
            3 => new JsonObject { ["id"] = id, ["type"] = "customer.tried", ["at"] = at, ["description"] = text },
            4 => new JsonObject { ["id"] = id, ["type"] = "page.viewed", ["at"] = at, ["url"] = url, ["title"] = text },
            _ => new JsonObject { ["id"] = id, ["type"] = "bot.handoff_requested", ["at"] = at, ["reason"] = text },
        };

    /// <summary>A batch of 1 to 6 events, with a customer and a page sometimes.</summary>
    public static readonly Gen<JsonNode> Batch =
        from count in Gen.Int[1, 6]
        from n in Gen.Int[0, 1_000_000]
        from events in Sequence(Enumerable.Range(0, count).Select(i => Event($"e{n}-{i}")))
        from customer in Profile(externalId: true)
        from withCustomer in Gen.Bool
        from channel in Gen.OneOf("web", "whatsapp", "in_app", "sms-2")
        from url in Url
        select (JsonNode)new JsonObject
        {
            ["channel"] = channel,
            ["customer"] = withCustomer ? customer : null,
            ["page"] = new JsonObject { ["url"] = url, ["title"] = "Page" },
            ["events"] = new JsonArray([.. events]),
        };

    /// <summary>A case opened directly, with 1 to 4 customer messages.</summary>
    public static readonly Gen<JsonNode> DirectCase =
        from id in ExternalId("mail")
        from customer in Profile(externalId: true)
        from messages in Gen.Int[1, 4].SelectMany(n => Sequence(Enumerable.Range(0, n).Select(i =>
            from at in At from text in Text select new JsonObject { ["id"] = $"<m{i}@mail.example>", ["at"] = at, ["text"] = text })))
        from channel in Gen.OneOf("email", "phone")
        from priority in Gen.OneOf<string?>(null, "Low", "Normal", "High", "Urgent")
        from category in Gen.OneOf<string?>(null, "Billing", "Technical")
        select (JsonNode)new JsonObject
        {
            ["externalId"] = id, ["channel"] = channel, ["customer"] = customer,
            ["messages"] = new JsonArray([.. messages]), ["priority"] = priority, ["category"] = category,
        };

    /// <summary>A transcript to evaluate: one text, or messages with authors, with a profile sometimes.</summary>
    public static readonly Gen<JsonNode> Evaluation =
        from id in Gen.Int[0, 100_000]
        from single in Gen.Bool
        from text in Text
        from messages in Gen.Int[1, 5].SelectMany(n => Sequence(Enumerable.Range(0, n).Select(i =>
            from author in Gen.OneOf("customer", "bot") from t in Text from c in Gen.Double[0, 1]
            select author == "bot" ? new JsonObject { ["author"] = author, ["text"] = t, ["confidence"] = Math.Round(c, 2) }
                                   : new JsonObject { ["author"] = author, ["text"] = t })))
        from customer in Profile(externalId: false)
        select (JsonNode)(single
            ? new JsonObject { ["id"] = id, ["text"] = text }
            : new JsonObject { ["id"] = $"eval-{id}", ["messages"] = new JsonArray([.. messages]), ["customer"] = customer });

    /// <summary>Path segments that are not valid ids: escapes of nothing sensible, controls, traversal, too long.</summary>
    public static readonly Gen<string> BadPathSegment = Gen.OneOf(
        "%FF", "a%2Fb", "..", "%2E%2E", "%C0%AF", "%E2%80%AE", "%F0%9F%98%80", "x%20y", "%ED%A0%80", "-lead", "a;b", new string('a', 300), "%", "%G1");

    /// <summary>Each generator run in order: a list of their values.</summary>
    public static Gen<List<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(0).Select(_ => new List<T>()), (list, gen) => list.SelectMany(l => gen.Select(v => { l.Add(v); return l; })));
}
