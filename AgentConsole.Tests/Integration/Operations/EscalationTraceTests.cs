using System.Collections.Concurrent;
using System.Diagnostics;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Telemetry;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration.Operations;

/// <summary>One escalating batch is one trace: ingest, with the triggers under it, then routing and the pushes.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class EscalationTraceTests : ApiTestBase, IDisposable
{
    private const string Hacked = "Someone logged into my account from another country and changed my email";
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public EscalationTraceTests()
    {
        _listener = new ActivityListener
        {
            // The desk's own spans, and the grain calls that carry a command from the ingest to the desk's grain.
            ShouldListenTo = source => source.Name is DeskActivity.SourceName or AgentConsole.Cluster.DeskSilo.GrainCallSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task AnEscalatingBatchTracesIngestThenTriggersThenRoutingThenThePush()
    {
        // Arrange
        var conversation = $"conv-trace-{Guid.NewGuid():N}";

        // Act
        using var response = await PostEventsAsync(conversation, Batch(CustomerMessage("e1", Hacked, 1)));

        // Assert
        response.EnsureSuccessStatusCode();
        var ingest = _spans.Single(s => s.OperationName == DeskActivity.Ingest && (string?)s.GetTagItem("agentconsole.conversation.external_id") == conversation);
        Activity? route = null;
        await Eventually.HoldsAsync(() =>
        {
            route ??= _spans.SingleOrDefault(s => s.OperationName == DeskActivity.Route && Descends(s, ingest));
            return route is not null && _spans.Any(s => s.OperationName == DeskActivity.Push && s.ParentSpanId == route.SpanId);
        }, TimeSpan.FromSeconds(20), "the engine routes the opened case and its events are pushed, in the ingest's trace");

        // A message that escalates on its own takes the whole store from the start, on PostgreSQL too: one evaluation.
        var evaluate = _spans.Single(s => s.OperationName == DeskActivity.TriggerEvaluate && s.ParentSpanId == ingest.SpanId);
        Assert.Null(evaluate.GetTagItem(ConversationIngestor.RestartedTag));
        Assert.Equal(true, evaluate.GetTagItem("agentconsole.escalate"));
        Assert.Equal("SecurityCompliance", evaluate.GetTagItem("agentconsole.reason"));
        Assert.Single(_spans, s => s.OperationName == DeskActivity.Classify && s.ParentSpanId == ingest.SpanId);
        Assert.Equal("CaseOpened", route!.GetTagItem("agentconsole.routing.command"));
        Assert.Equal(ingest.TraceId, route.TraceId);
        Assert.NotNull(ingest.GetTagItem("agentconsole.case.id"));
        var pushes = _spans.Where(s => s.OperationName == DeskActivity.Push && s.ParentSpanId == route.SpanId).ToList();
        Assert.All(pushes, p => Assert.Equal(ingest.TraceId, p.TraceId));
        Assert.Contains(pushes, p => (string?)p.GetTagItem("agentconsole.push.event") == "QueueChanged" && (string?)p.GetTagItem("agentconsole.push.pump") == "RoutingHubBridge");
    }

    // Whether span is below ancestor in the trace, through the grain call's spans between them.
    private bool Descends(Activity span, Activity ancestor)
    {
        var spans = _spans.ToArray();
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var above = spans.FirstOrDefault(s => s.SpanId == parent);
            if (above is null) return false;
            parent = above.ParentSpanId;
        }
        return false;
    }

    void IDisposable.Dispose()
    {
        _listener.Dispose();
        Dispose();
    }
}
