using System.Text;
using AgentConsole.Api.Contracts;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Tests.Api.Contracts;

public sealed class EventBatchContractTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly IngestionOptions Limits = new();

    /// <summary>Reads, validates and maps a batch as the endpoint does.</summary>
    private static (EventBatch? Batch, IDictionary<string, string[]> Errors) Read(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var read = ContractReader.Read<EventBatchRequest>(utf8);
        Assert.Null(read.NotJson);
        if (read.Value is { } request) EventBatchValidator.Validate(request, Limits, Now, read.Errors);
        return read.Errors.Any ? (null, read.Errors.ToDictionary()) : (read.Value!.ToEventBatch(RawEvents.Of(utf8)), read.Errors.ToDictionary());
    }

    [Fact]
    public void MapsEachEventTypeToItsRecord()
    {
        var (batch, errors) = Read("""
            {"events":[
              {"id":"1","type":"customer.message","at":"2026-03-14T08:00:00+02:00","text":"  hi  "},
              {"id":"2","type":"bot.message","at":"2026-03-14T08:00:01Z","text":"hello","confidence":0.25},
              {"id":"3","type":"bot.attempted_solution","at":"2026-03-14T08:00:02Z","description":"reset cache","outcome":"Failed"},
              {"id":"4","type":"customer.tried","at":"2026-03-14T08:00:03Z","description":"reinstalled"},
              {"id":"5","type":"page.viewed","at":"2026-03-14T08:00:04Z","url":"https://x.example/a","title":"A"},
              {"id":"6","type":"bot.handoff_requested","at":"2026-03-14T08:00:05Z","reason":"policy"}
            ]}
            """);

        Assert.Empty(errors);
        var events = batch!.Events;
        var message = Assert.IsType<CustomerMessageEvent>(events[0]);
        Assert.Equal(("hi", new DateTime(2026, 3, 14, 6, 0, 0, DateTimeKind.Utc)), (message.Text, message.At));
        Assert.Equal(DateTimeKind.Utc, message.At.Kind);
        Assert.Equal(0.25, Assert.IsType<BotMessageEvent>(events[1]).Confidence);
        Assert.Equal(AttemptOutcome.Failed, Assert.IsType<BotAttemptedSolutionEvent>(events[2]).Outcome);
        Assert.IsType<CustomerTriedEvent>(events[3]);
        Assert.Equal("A", Assert.IsType<PageViewedEvent>(events[4]).Title);
        Assert.Equal("policy", Assert.IsType<HandoffRequestedEvent>(events[5]).Reason);
        Assert.Equal("""{"id":"3","type":"bot.attempted_solution","at":"2026-03-14T08:00:02Z","description":"reset cache","outcome":"Failed"}""", events[2].RawJson);
    }

    [Fact]
    public void FieldNamesMatchCaseInsensitivelyButEventTypesAreAnExactVocabulary()
    {
        var (batch, errors) = Read("""{"Events":[{"ID":"1","Type":"customer.message","AT":"2026-03-14T08:00:00Z","Text":"hi"}]}""");
        var (_, shouted) = Read("""{"events":[{"id":"1","type":"Customer.Message","at":"2026-03-14T08:00:00Z","text":"hi"}]}""");

        Assert.Empty(errors);
        Assert.Equal("""{"ID":"1","Type":"customer.message","AT":"2026-03-14T08:00:00Z","Text":"hi"}""", Assert.Single(batch!.Events).RawJson);
        Assert.Contains("Unknown event type", shouted["events[0].type"][0]);
    }

    [Fact]
    public void ExplicitNullsCountAsAbsent()
    {
        var (batch, errors) = Read("""{"channel":null,"customer":null,"page":null,"events":[{"id":"1","type":"bot.message","at":"2026-03-14T08:00:00Z","text":"x","confidence":null}]}""");

        Assert.Empty(errors);
        Assert.Null(Assert.IsType<BotMessageEvent>(batch!.Events[0]).Confidence);
    }

    [Fact]
    public void UnknownFieldsAreIgnoredAndKeptInTheRawEvent()
    {
        var (batch, errors) = Read("""{"sender":{"v":2},"events":[{"id":"1","type":"customer.message","at":"2026-03-14T08:00:00Z","text":"x","locale":"de"}]}""");

        Assert.Empty(errors);
        Assert.Contains("\"locale\":\"de\"", batch!.Events[0].RawJson);
    }

    [Fact]
    public void AcceptsTimestampsWithinTheClockSkewAndRefusesLaterOnes()
    {
        var (_, withinSkew) = Read("""{"events":[{"id":"1","type":"customer.message","at":"2026-03-14T09:04:59Z","text":"x"}]}""");
        var (_, beyond) = Read("""{"events":[{"id":"1","type":"customer.message","at":"2026-03-14T09:05:01Z","text":"x"}]}""");

        Assert.Empty(withinSkew);
        Assert.Equal(["The field is in the future."], beyond["events[0].at"]);
    }

    [Fact]
    public void EveryWrongTypeIsNamedByItsPathAndTheOtherFieldsAreStillChecked()
    {
        var (batch, errors) = Read("""
            {"channel":7,"customer":"cus-1","page":{"url":["x"]},
             "events":[{"id":5,"type":"bot.message","at":1710400000,"confidence":"high"}, 7, null,
                       {"id":"e4","type":"bot.attempted_solution","at":"2026-03-14T08:00:00Z","description":"d","outcome":2}]}
            """);

        Assert.Null(batch);
        Assert.Equal(["The field must be a string."], errors["channel"]);
        Assert.Equal(["The field must be an object."], errors["customer"]);
        Assert.Equal(["The field must be a string."], errors["page.url"]);
        Assert.Equal(["The field must be a string."], errors["events[0].id"]);
        Assert.Contains("ISO 8601", errors["events[0].at"][0]);
        Assert.Equal(["The field must be a number."], errors["events[0].confidence"]);
        Assert.Equal(["The field is required."], errors["events[0].text"]);
        Assert.Equal(["The item must be an object."], errors["events[1]"]);
        Assert.Equal(["Each event must be an object."], errors["events[2]"]);
        Assert.Contains("PartiallyWorked", errors["events[3].outcome"][0]);
    }

    [Theory]
    [InlineData("partially_worked", AttemptOutcome.PartiallyWorked)]
    [InlineData("PARTIALLY-WORKED", AttemptOutcome.PartiallyWorked)]
    [InlineData("succeeded", AttemptOutcome.Succeeded)]
    public void EnumNamesIgnoreCaseUnderscoresAndDashes(string outcome, AttemptOutcome expected)
    {
        var (batch, _) = Read($$"""{"events":[{"id":"1","type":"bot.attempted_solution","at":"2026-03-14T08:00:00Z","description":"d","outcome":"{{outcome}}"}]}""");

        Assert.Equal(expected, Assert.IsType<BotAttemptedSolutionEvent>(batch!.Events[0]).Outcome);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("\"failed,succeeded\"")]
    [InlineData("\"\"")]
    public void EnumsAreNamesNotNumbersOrCombinations(string outcome)
    {
        var (_, errors) = Read($$"""{"events":[{"id":"1","type":"bot.attempted_solution","at":"2026-03-14T08:00:00Z","description":"d","outcome":{{outcome}}}]}""");

        Assert.StartsWith("The field must be one of: Unknown, Failed, PartiallyWorked, Succeeded", errors["events[0].outcome"][0]);
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
