using System.Diagnostics.Metrics;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Telemetry;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Core.Telemetry;

/// <summary>What the desk's meter counts from the engine's events, heard through a listener on this test's own meter.</summary>
public sealed class DeskTelemetryTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = [];

    public DeskTelemetryTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        // Only this test's meter: other hosts in the run have meters of the same name.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_measurements) _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        });
        _listener.Start();
        Telemetry = new DeskTelemetry(factory);
    }

    private DeskTelemetry Telemetry { get; }

    [Fact]
    public void CountsOffersByHowTheyEnded()
    {
        // Arrange
        var card = new SnapshotBuilder(Now).Case(1, CaseStatus.Offered, Now).Card;
        var agent = Guid.NewGuid();
        var team = Guid.NewGuid();

        // Act
        Telemetry.Published(new CaseOffered(Now, card, agent, Now.AddSeconds(30), "", team));
        Telemetry.Published(new OfferWithdrawn(Now, 1, agent, CaseEventReason.Declined, team));
        Telemetry.Published(new OfferWithdrawn(Now, 1, agent, CaseEventReason.TimedOut, team));
        Telemetry.Published(new OfferWithdrawn(Now, 1, agent, CaseEventReason.AgentUnavailable, team));
        Telemetry.Published(new CaseAssigned(Now, card, agent, CaseEventReason.Accepted, null, team));
        Telemetry.Published(new CaseAssigned(Now, card, agent, CaseEventReason.AutoAssigned, null, team));

        // Assert
        Assert.Equal(["made", "declined", "expired", "withdrawn", "accepted"], Values("agentconsole.offers", "outcome"));
        Assert.Equal(["Accepted", "AutoAssigned"], Values("agentconsole.assignments", "how"));
    }

    [Fact]
    public void CountsAnEscalationOnceUnderItsFirstReason()
    {
        // Arrange
        var decision = EscalationDecision.Escalated(
            [new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "a human please"), new EscalationReason(ReasonCategory.Sentiment, "frustration", "ugh")],
            IssueCategory.Billing, 0.9, CasePriority.Normal, AgentConsole.Core.Routing.Skill.Billing, AgentConsole.Core.Routing.AgentTier.Frontline, -0.5,
            SentimentTrend.Worsening);

        // Act
        Telemetry.Escalated(decision, "ingest");

        // Assert
        var escalation = Assert.Single(_measurements, m => m.Instrument == "agentconsole.escalations");
        Assert.Equal(1, escalation.Value);
        Assert.Equal("CustomerRequest", escalation.Tags["reason"]);
        Assert.Equal("ingest", escalation.Tags["source"]);
    }

    private List<string?> Values(string instrument, string tag)
    {
        lock (_measurements) return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags[tag])];
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
