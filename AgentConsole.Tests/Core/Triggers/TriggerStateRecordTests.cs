using System.Text.Json;
using System.Text.Json.Serialization;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers;

public sealed class TriggerStateRecordTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);

    private static TriggerState RichState()
    {
        var options = new TriggerOptions();
        var engine = new TriggerEngine(new KeywordClassifier(), () => options);
        var state = new TriggerState();
        engine.Apply(state,
        [
            new TriggerInput(TriggerInputKind.CustomerMessage, "I was charged twice and I want a refund", Now, MessageId: 1),
            new TriggerInput(TriggerInputKind.BotMessage, "I can't help with refunds", Now.AddSeconds(5), 0.2, 2),
            new TriggerInput(TriggerInputKind.CustomerMessage, "This is ridiculous, someone logged into my account!!!", Now.AddSeconds(30), MessageId: 3),
            new TriggerInput(TriggerInputKind.BotHandoff, "refund over the limit", Now.AddSeconds(31), MessageId: 4),
        ]);
        return state;
    }

    [Fact]
    public void AStoredStateReadsBackToTheSameText()
    {
        var json = TriggerStateRecord.Serialize(RichState());

        Assert.Equal(json, TriggerStateRecord.Serialize(TriggerStateRecord.Deserialize(json)));
        Assert.Contains("\"Handoff\":{", json);
    }

    [Fact]
    public void AStateStoredWithItsNullsWrittenOutReadsBackTheSame()
    {
        // States stored before unset signals were left out (the reflection serializer's text, nulls and all) must read back unchanged.
        var reflection = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var state = RichState();
        var written = JsonSerializer.Serialize(state, reflection);

        var read = TriggerStateRecord.Deserialize(written);

        Assert.Contains(":null", written);
        Assert.Equal(TriggerStateRecord.Serialize(state), TriggerStateRecord.Serialize(read));
        Assert.DoesNotContain(":null", TriggerStateRecord.Serialize(read));
    }

    [Fact]
    public void EvidenceKeepsItsTextTimeAndMessageAndLeavesOutAMissingMessage()
    {
        var state = new TriggerState
        {
            Security = new Evidence("someone \"logged in\" as me", Now, 42),
            Dispute = new Evidence("charged twice", Now.AddSeconds(1)),
        };

        var json = TriggerStateRecord.Serialize(state);
        var read = TriggerStateRecord.Deserialize(json);

        Assert.Equal(state.Security, read.Security);
        Assert.Equal(state.Dispute, read.Dispute);
        Assert.Equal(DateTimeKind.Utc, read.Dispute!.At.Kind);
        // The same shape the generated serializer gave evidence, less the unset message id.
        Assert.Contains(JsonSerializer.Serialize(state.Security), json);
        Assert.Contains("\"Dispute\":{\"Text\":\"charged twice\",\"At\":\"2026-03-14T09:00:01Z\"}", json);
    }

    [Theory]
    [InlineData("""{"Security":"not an object"}""")]
    [InlineData("""{"Security":{"At":"2026-03-14T09:00:00Z"}}""")]
    [InlineData("""{"Security":{"Text":"no time"}}""")]
    public void MalformedEvidenceIsRefused(string json) => Assert.Throws<JsonException>(() => TriggerStateRecord.Deserialize(json));
}
