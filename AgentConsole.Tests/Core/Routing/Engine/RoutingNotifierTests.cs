using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Routing.Engine;

public sealed class RoutingNotifierTests
{
    private static readonly PresenceChanged Sample = new(new DateTime(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc), Guid.NewGuid(), "Ana", Guid.NewGuid(),
        Presence.Available, 0, 3, Connected: true, Automatic: false);

    [Fact]
    public async Task DeliversEachEventToEverySubscriberUntilTheyDispose()
    {
        var notifier = new RoutingNotifier();
        var first = new List<RoutingEvent>();
        var second = new List<RoutingEvent>();
        var firstSubscription = notifier.Subscribe(e => { first.Add(e); return Task.CompletedTask; });
        using var secondSubscription = notifier.Subscribe(e => { second.Add(e); return Task.CompletedTask; });

        await notifier.PublishAsync(Sample);
        firstSubscription.Dispose();
        await notifier.PublishAsync(Sample with { Presence = Presence.Busy });

        Assert.Single(first);
        Assert.Equal([Presence.Available, Presence.Busy], second.OfType<PresenceChanged>().Select(e => e.Presence));
        Assert.Equal(1, notifier.SubscriberCount);
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotStopTheOthersAndIsReported()
    {
        var notifier = new RoutingNotifier();
        var errors = new List<Exception>();
        var delivered = 0;
        using var failing = notifier.Subscribe(_ => throw new InvalidOperationException("circuit gone"));
        using var working = notifier.Subscribe(_ => { delivered++; return Task.CompletedTask; });

        await notifier.PublishAsync(Sample, errors.Add);

        Assert.Equal(1, delivered);
        Assert.Equal("circuit gone", Assert.Single(errors).Message);
    }

    [Fact]
    public async Task TheEngineDoesNotPublishWhatItFailedToStore()
    {
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        h.ClearEvents();
        await h.StopAsync();
        // Make the next write to the case log fail.
        await h.FailWritesAsync("fail_accept", "INSERT", "CaseEvents", "NEW.\"Type\" = 'Accepted'", "disk on fire");
        await h.StartAsync();
        h.ClearEvents();

        await Assert.ThrowsAnyAsync<Exception>(() => h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana)));

        Assert.DoesNotContain(h.Events, e => e is CaseAssigned);
        Assert.Equal(AgentConsole.Core.Cases.CaseStatus.Offered, (await h.CaseAsync(caseId)).Status);
        await h.AssertInvariantsAsync();
    }
}
