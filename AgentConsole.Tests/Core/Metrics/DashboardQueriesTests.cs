using AgentConsole.Core.Cases;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using static AgentConsole.Tests.Core.Metrics.CaseHistory;

namespace AgentConsole.Tests.Core.Metrics;

public sealed class DashboardQueriesTests
{
    private static readonly DateTime Now = EngineHarness.Start.UtcDateTime; // 14 March 2026, 09:00 UTC

    [Fact]
    public async Task CountsEscalationsInTheLastHourAndMissedOffersAndReclaimsSinceMidnightUtc()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await SeedAsync(h, At(14, 8, 30), [ReasonCategory.Sentiment], (c, a) =>
        {
            c.Queue(At(14, 8, 30));
            c.Offer(a!.Id, At(14, 8, 31), At(14, 8, 31, 30));
            c.Decline(a.Id, "busy", At(14, 8, 31, 20));
            c.Offer(a.Id, At(14, 8, 32), At(14, 8, 32, 30));
            c.ReturnToQueue(CaseEventReason.TimedOut, At(14, 8, 32, 30), ActorKind.System, null, "No answer", exclude: true);
        }, ana.Id);
        await SeedAsync(h, At(14, 7, 0), [ReasonCategory.CustomerRequest], (c, a) =>
        {
            c.Queue(At(14, 7, 0));
            c.Offer(a!.Id, At(14, 7, 1), At(14, 7, 1, 30));
            c.Accept(a, At(14, 7, 1, 10), At(14, 7, 11, 10));
            c.ReturnToQueue(CaseEventReason.Reclaimed, At(14, 7, 11, 10), ActorKind.System, null, "No first reply", exclude: true);
        }, ana.Id);
        // Yesterday's misses are not today's.
        await SeedAsync(h, At(13, 23, 0), [ReasonCategory.Complexity], (c, a) =>
        {
            c.Queue(At(13, 23, 0));
            c.Offer(a!.Id, At(13, 23, 1), At(13, 23, 1, 30));
            c.Decline(a.Id, "not mine", At(13, 23, 1, 10));
            c.Offer(a.Id, At(13, 23, 2), At(13, 23, 2, 30));
            c.Accept(a, At(13, 23, 2, 10), At(13, 23, 12, 10));
            c.ReturnToQueue(CaseEventReason.Reclaimed, At(13, 23, 12, 10), ActorKind.System, null, "No first reply", exclude: true);
        }, ana.Id);
        var queries = new DashboardQueries(h.DbFactory, h.Clock);

        // Act
        var activity = await queries.ActivityAsync();

        // Assert
        Assert.Equal(Now, activity.At);
        Assert.Equal(At(14, 0), activity.DayStart);
        Assert.Equal(1, activity.EscalationsLastHour);
        Assert.Equal(1, activity.SlaBreachesToday);
        Assert.Equal(1, activity.OffersDeclinedToday);
        Assert.Equal(1, activity.OffersTimedOutToday);
    }

    [Fact]
    public async Task CountsEachEscalationOnceUnderItsPrimaryReasonPerHour()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h, At(14, 8, 10), [ReasonCategory.Sentiment, ReasonCategory.CustomerRequest]);
        await SeedAsync(h, At(14, 8, 20), [ReasonCategory.Sentiment]);
        await SeedAsync(h, At(14, 6, 5), [ReasonCategory.SecurityCompliance]);
        await SeedAsync(h, At(13, 9, 59), [ReasonCategory.Timeout]); // before the 24-hour window

        // Act
        var hours = (await new DashboardQueries(h.DbFactory, h.Clock).ActivityAsync(Now)).EscalationsByHour;

        // Assert
        Assert.Equal(DashboardQueries.Hours, hours.Count);
        Assert.Equal(At(13, 10), hours[0].HourStart);
        Assert.Equal(At(14, 9), hours[^1].HourStart);
        var eight = hours.Single(x => x.HourStart == At(14, 8));
        Assert.Equal(2, eight.Total);
        Assert.Equal(2, eight.Of(ReasonCategory.Sentiment));
        Assert.Equal(0, eight.Of(ReasonCategory.CustomerRequest));
        Assert.Equal(1, hours.Single(x => x.HourStart == At(14, 6)).Of(ReasonCategory.SecurityCompliance));
        Assert.Equal(3, hours.Sum(x => x.Total));
    }

    [Fact]
    public async Task ReplaysTheQueueDepthHourByHourFromTheCaseLog()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        // Queued before the window began, and still waiting.
        await SeedAsync(h, At(13, 6, 0), [ReasonCategory.Complexity], (c, _) => c.Queue(At(13, 6, 0)));
        // Waits 05:10–05:40.
        await SeedAsync(h, At(14, 5, 10), [ReasonCategory.Complexity], (c, a) =>
        {
            c.Queue(At(14, 5, 10));
            c.Offer(a!.Id, At(14, 5, 40), At(14, 5, 40, 30));
        }, ana.Id);
        // Waits from 05:20 on.
        await SeedAsync(h, At(14, 5, 20), [ReasonCategory.Complexity], (c, _) => c.Queue(At(14, 5, 20)));
        // Waits 07:15–07:45, then is resolved from the queue.
        await SeedAsync(h, At(14, 7, 15), [ReasonCategory.Complexity], (c, _) =>
        {
            c.Queue(At(14, 7, 15));
            c.Resolve("Customer sorted it out", At(14, 7, 45), ActorKind.User, "supervisor");
        });
        // Queued and offered in one routing transaction: never waited.
        await SeedAsync(h, At(14, 8, 5), [ReasonCategory.Complexity], (c, a) =>
        {
            c.Queue(At(14, 8, 5));
            c.Offer(a!.Id, At(14, 8, 5), At(14, 8, 5, 30));
        }, ana.Id);

        // Act
        var depth = (await new DashboardQueries(h.DbFactory, h.Clock).ActivityAsync(Now)).QueueDepthByHour;

        // Assert
        Assert.Equal(DashboardQueries.Hours, depth.Count);
        QueueDepthHour HourOf(int day, int hour) => depth.Single(d => d.HourStart == At(day, hour));
        Assert.All(depth.Where(d => d.HourStart < At(14, 5)), d => Assert.Equal((1, 1), (d.AtEnd, d.Peak)));
        Assert.Equal((2, 3), (HourOf(14, 5).AtEnd, HourOf(14, 5).Peak));
        Assert.Equal((2, 2), (HourOf(14, 6).AtEnd, HourOf(14, 6).Peak));
        Assert.Equal((2, 3), (HourOf(14, 7).AtEnd, HourOf(14, 7).Peak));
        Assert.Equal((2, 2), (HourOf(14, 8).AtEnd, HourOf(14, 8).Peak));
        Assert.Equal((2, 2), (HourOf(14, 9).AtEnd, HourOf(14, 9).Peak));
    }

    [Fact]
    public async Task ReplayedDepthNowAgreesWithTheEnginesQueue()
    {
        // Arrange: the engine offers, declines, times out, reassigns and resolves for real.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var lead = await h.AgentAsync("Lena", team, capacity: 1, skills: (Skill.Billing, 2));
        var ana = await h.AgentAsync("Ana", team, capacity: 1, skills: (Skill.Billing, 5));
        await h.SetLeadAsync(team, lead);
        await h.StartAsync();
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.ConnectionOpenedAsync(lead.Id);
        var cases = new List<long>();
        for (var i = 0; i < 5; i++) cases.Add(await h.OpenCaseAsync());
        var snapshot = await h.Engine.SnapshotAsync();
        var anasOffer = snapshot.Cases.Single(c => c.Holder == ana.Id).Id;
        await h.Engine.DeclineOfferAsync(anasOffer, "Out of my depth", EngineHarness.As(ana));
        await h.AdvanceAsync(TimeSpan.FromSeconds(31)); // every pending offer times out
        var queued = (await h.Engine.SnapshotAsync()).QueueOrder;
        await h.Engine.ResolveAsync(queued[0], "Duplicate", RoutingActor.ForSupervisor());
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        // Act
        var activity = await new DashboardQueries(h.DbFactory, h.Clock).ActivityAsync();
        var engine = await h.Engine.SnapshotAsync();

        // Assert
        Assert.Equal(engine.QueueOrder.Count, activity.QueueDepthByHour[^1].AtEnd);
        Assert.True(activity.QueueDepthByHour[^1].Peak >= activity.QueueDepthByHour[^1].AtEnd);
        Assert.Equal(5, activity.EscalationsLastHour);
        Assert.Equal(1, activity.OffersDeclinedToday);
        Assert.True(activity.OffersTimedOutToday >= 1);
    }

    [Fact]
    public void AnEntryAtTheTopOfTheHourCountsInTheHourItStarts()
    {
        // Arrange
        var from = DashboardQueries.FirstHour(Now);
        var moves = new[]
        {
            new DashboardQueries.QueueMove(1, At(14, 7, 0), true),
            new DashboardQueries.QueueMove(1, At(14, 8, 0), false),
        };

        // Act
        var depth = DashboardQueries.ReplayQueueDepth(moves, from, Now);

        // Assert
        var seven = depth.Single(d => d.HourStart == At(14, 7));
        var eight = depth.Single(d => d.HourStart == At(14, 8));
        Assert.Equal((1, 1), (seven.AtEnd, seven.Peak));
        Assert.Equal((0, 1), (eight.AtEnd, eight.Peak));
        Assert.Equal(0, depth.Single(d => d.HourStart == At(14, 6)).Peak);
    }
}
