using System.Text.Json;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class EventBatchParserTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly IngestionOptions Limits = new();

    private static ParseResult<EventBatch> Parse(string json) => EventBatchParser.Parse(JsonDocument.Parse(json).RootElement, Limits, Now);

    [Fact]
    public void ParsesEachEventTypeIntoItsRecord()
    {
        var result = Parse("""
            {"events":[
              {"id":"1","type":"customer.message","at":"2026-03-14T08:00:00+02:00","text":"  hi  "},
              {"id":"2","type":"bot.message","at":"2026-03-14T08:00:01Z","text":"hello","confidence":0.25},
              {"id":"3","type":"bot.attempted_solution","at":"2026-03-14T08:00:02Z","description":"reset cache","outcome":"Failed"},
              {"id":"4","type":"customer.tried","at":"2026-03-14T08:00:03Z","description":"reinstalled"},
              {"id":"5","type":"page.viewed","at":"2026-03-14T08:00:04Z","url":"https://x.example/a","title":"A"},
              {"id":"6","type":"bot.handoff_requested","at":"2026-03-14T08:00:05Z","reason":"policy"}
            ]}
            """);

        Assert.False(result.Errors.Any, string.Join("; ", result.Errors.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}")));
        var events = result.Value!.Events;
        var message = Assert.IsType<CustomerMessageEvent>(events[0]);
        Assert.Equal(("hi", new DateTime(2026, 3, 14, 6, 0, 0, DateTimeKind.Utc)), (message.Text, message.At));
        Assert.Equal(0.25, Assert.IsType<BotMessageEvent>(events[1]).Confidence);
        Assert.Equal(AttemptOutcome.Failed, Assert.IsType<BotAttemptedSolutionEvent>(events[2]).Outcome);
        Assert.IsType<CustomerTriedEvent>(events[3]);
        Assert.Equal("A", Assert.IsType<PageViewedEvent>(events[4]).Title);
        Assert.Equal("policy", Assert.IsType<HandoffRequestedEvent>(events[5]).Reason);
        Assert.Contains("\"reset cache\"", events[2].RawJson);
    }

    [Fact]
    public void TypeNamesAreCaseSensitiveOnlyInTheirSpelling()
    {
        // Field names match case-insensitively; event types are an exact vocabulary.
        var result = Parse("""{"Events":[{"ID":"1","Type":"customer.message","AT":"2026-03-14T08:00:00Z","Text":"hi"}]}""");

        Assert.False(result.Errors.Any);
        Assert.Single(result.Value!.Events);
    }

    [Fact]
    public void ExplicitNullsCountAsAbsent()
    {
        var result = Parse("""{"channel":null,"customer":null,"page":null,"events":[{"id":"1","type":"bot.message","at":"2026-03-14T08:00:00Z","text":"x","confidence":null}]}""");

        Assert.False(result.Errors.Any);
        Assert.Null(Assert.IsType<BotMessageEvent>(result.Value!.Events[0]).Confidence);
    }

    [Fact]
    public void AcceptsTimestampsWithinTheClockSkewAndRefusesLaterOnes()
    {
        var withinSkew = Parse("""{"events":[{"id":"1","type":"customer.message","at":"2026-03-14T09:04:59Z","text":"x"}]}""");
        var beyond = Parse("""{"events":[{"id":"1","type":"customer.message","at":"2026-03-14T09:05:01Z","text":"x"}]}""");

        Assert.False(withinSkew.Errors.Any);
        Assert.True(beyond.Errors.ToDictionary().ContainsKey("events[0].at"));
    }

    [Fact]
    public void IdentifierRulesKeepIdsSafeInUrlsAndLogs()
    {
        Assert.True(Identifiers.IsValidExternalId("conv_2026-03:14@web.1"));
        Assert.False(Identifiers.IsValidExternalId(""));
        Assert.False(Identifiers.IsValidExternalId(new string('a', 129)));
        Assert.False(Identifiers.IsValidExternalId("a/b"));
        Assert.False(Identifiers.IsValidExternalId("line\nbreak"));
    }
}
