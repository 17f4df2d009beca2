using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// The engine learns from outcomes: the records are rebuilt from the resolved cases in the store,
/// grow as cases resolve and ratings arrive (the drift check comparing them after every command),
/// and the learned term steers the choice between otherwise equal agents only when its weight is above 0.
/// </summary>
public sealed class OutcomeLearningTests
{
    // Ana resolves Billing in 10 min, Ben in 30; Ben's last case is the older, so without the term the tie goes to him.
    private static async Task<(EngineHarness H, Agent Ana, Agent Ben)> DeskWithHistoryAsync(double weight)
    {
        var h = await EngineHarness.CreateAsync(o => o.Learning.Weight = weight);
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team);
        for (var i = 0; i < 20; i++) await ResolvedAsync(h, ben, minutes: 30, assignedAt: h.Now.AddHours(-6).AddMinutes(i));
        for (var i = 0; i < 20; i++) await ResolvedAsync(h, ana, minutes: 10, assignedAt: h.Now.AddHours(-3).AddMinutes(i));
        return (h, ana, ben);
    }

    /// <summary>A case in the store that <paramref name="agent"/> accepted at <paramref name="assignedAt"/> and resolved <paramref name="minutes"/> later.</summary>
    private static async Task<long> ResolvedAsync(EngineHarness h, Agent agent, int minutes, DateTime assignedAt, int? csat = null)
    {
        var id = await h.OpenCaseAsync(route: false);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var @case = await db.Cases.Include(c => c.Conversation).SingleAsync(c => c.Id == id);
        var stored = await db.Agents.SingleAsync(a => a.Id == agent.Id);
        @case.Offer(agent.Id, assignedAt, assignedAt.AddSeconds(30));
        @case.Accept(stored, assignedAt, firstReplyDueAt: null);
        @case.Resolve("Sorted", assignedAt.AddMinutes(minutes), ActorKind.Agent, agent.Id.ToString());
        if (csat is { } score) db.ChatRatings.Add(new ChatRating(@case.ConversationId, id, score, null, assignedAt.AddMinutes(minutes + 1)));
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task OffersTheCaseToTheAgentWhoResolvesItsCategoryFaster()
    {
        // Arrange
        var (h, ana, _) = await DeskWithHistoryAsync(weight: 0.2);
        await using var _h = h;
        await h.StartAsync();

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert
        Assert.Equal(ana.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        var stored = await h.CaseAsync(caseId);
        Assert.Contains("resolves Billing 33% faster than the team average, 20 cases", stored.RoutingSummary, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"outcomes\"", stored.RoutingExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithWeightZeroTheChoiceIsWhatItWasWithoutTheTerm()
    {
        // Arrange
        var (h, _, ben) = await DeskWithHistoryAsync(weight: 0);
        await using var _h = h;
        await h.StartAsync();

        // Act
        var caseId = await h.OpenCaseAsync();

        // Assert: the longest idle wins the tie, and the term is not in the score at all.
        Assert.Null(h.Engine.Outcomes);
        Assert.Equal(ben.Id, Assert.Single(h.EventsOf<CaseOffered>()).AgentId);
        Assert.DoesNotContain("\"name\":\"outcomes\"", (await h.CaseAsync(caseId)).RoutingExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResolutionAndThenItsRatingUpdateTheRecordAsARebuildWould()
    {
        // Arrange: no history; Ana takes a case and works it for 12 minutes.
        await using var h = await EngineHarness.CreateAsync(o => o.Learning.Weight = 0.2);
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReplyAsync(caseId, "Looking into it", EngineHarness.As(ana));
        await h.AdvanceAsync(TimeSpan.FromMinutes(12));
        Assert.Equal(0, h.Engine.Outcomes!.Estimates.Count);

        // Act: the drift check compares the records with a rebuild after each command.
        await h.Engine.ResolveAsync(caseId, "Refunded", EngineHarness.As(ana));
        var resolved = h.Engine.Outcomes.Estimates.For(ana.Id, IssueCategory.Billing);
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var conversationId = (await db.Cases.SingleAsync(c => c.Id == caseId)).ConversationId;
            db.ChatRatings.Add(new ChatRating(conversationId, caseId, 5, null, h.Now));
            await db.SaveChangesAsync();
        }
        await h.Engine.RatingArrivedAsync(caseId);
        await h.Engine.RatingArrivedAsync(caseId);

        // Assert
        Assert.NotNull(resolved);
        Assert.Equal((1, 0, 12d, 1d), (resolved.Cases, resolved.Ratings, resolved.Minutes, resolved.FirstContactRate));
        var rated = h.Engine.Outcomes.Estimates.For(ana.Id, IssueCategory.Billing)!;
        Assert.Equal((1, 5d), (rated.Ratings, rated.Csat));
        await h.RestartAsync();
        Assert.Equal(rated, h.Engine.Outcomes!.Estimates.For(ana.Id, IssueCategory.Billing));
    }

    [Fact]
    public async Task ACaseReassignedIsNotAFirstContactResolution()
    {
        // Arrange: Ana takes a case, and the lead moves it to Ben.
        await using var h = await EngineHarness.CreateAsync(o => o.Learning.Weight = 0.2);
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var ben = await h.AgentAsync("Ben", team, presence: Presence.Busy);
        var lead = await h.AgentAsync("Lena", team, tier: AgentTier.Senior, presence: Presence.Busy, skills: (Skill.Technical, 1));
        await h.SetLeadAsync(team, lead);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(caseId, EngineHarness.As(ana));
        await h.Engine.ReassignAsync(caseId, ben.Id, "Ben knows this customer", overrideCapacity: false, EngineHarness.AsLead(lead));

        // Act
        await h.Engine.ResolveAsync(caseId, "Done", EngineHarness.As(ben));

        // Assert: the record is Ben's, and not a first-contact resolution.
        Assert.Null(h.Engine.Outcomes!.Estimates.For(ana.Id, IssueCategory.Billing));
        Assert.Equal(0, h.Engine.Outcomes.Estimates.For(ben.Id, IssueCategory.Billing)!.FirstContactRate);
    }
}
