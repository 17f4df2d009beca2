using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// Reasons and hotspots, the funnel and the drill-downs, from a known desk history against values
/// worked out by hand. The desk's zone is two hours ahead of UTC.
/// </summary>
public sealed class HotspotMetricsTests
{
    // Two hours ahead of UTC all year, by a zone id the desk's settings can name, so the day rollups serve its filters.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(DeskZone);
    private const string DeskZone = "Etc/GMT-2";
    private static readonly DateOnly March10 = new(2026, 3, 10);
    private const string CacheReply = "Have you tried clearing your browser's cache?";
    private const string InvoicesPage = "https://shop.example/billing/invoices";

    /// <summary>
    /// On 10 March, local time:
    /// C1 08:00 UTC (Payments, Invoices; on the invoices page with a query): the bot suggests the cache, the customer is angry;
    ///   K1 (Billing) for Sentiment, pointing at that message, and CustomerRequest: Ana accepts and resolves it; rated 4.
    /// C2 09:00 (Payments; on the invoices page, then the help page only after the case opened): the same reply, anger;
    ///   K2 (Billing) for Sentiment with no message: Ana accepts, transfers, Ana is reassigned and resolves.
    /// C3 10:00 (API): the same reply, but the bot keeps it.
    /// C4 11:00 (API; on the developers page): "Here is the API guide."; K4 (Technical) for ProductDefect and Complexity: Ben resolves it.
    /// C5 22:30 UTC, which is the 11th local: outside the range, escalated for Sentiment after the cache reply.
    /// </summary>
    private static async Task<(Team Billing, Team Tech, long K1, long K2, long K4)> SeedAsync(EngineHarness h)
    {
        var billing = await h.TeamAsync("Billing");
        var tech = await h.TeamAsync("Tech");
        var ana = await h.AgentAsync("Ana", billing);
        var ben = await h.AgentAsync("Ben", tech, skills: (Skill.Technical, 3));
        var desk = new Desk(h);

        var c1 = await desk.ConversationAsync(U(8, 0), ["Payments", "Invoices"], [(InvoicesPage + "?id=7", U(8, 0))],
            (MessageAuthor.Customer, "I was charged twice", U(8, 0)), (MessageAuthor.Bot, CacheReply, U(8, 1)), (MessageAuthor.Customer, "this is useless!!", U(8, 2)));
        var k1 = await desk.CaseAsync(c1.Id, U(8, 3), IssueCategory.Billing, [(ReasonCategory.Sentiment, c1.Messages[2]), (ReasonCategory.CustomerRequest, null)],
            (c, a) =>
            {
                Take(c, a(ana), U(8, 5));
                c.Resolve("refunded", U(8, 20), ActorKind.Agent, ana.Id.ToString());
            });
        await desk.RatingAsync(c1.Id, k1, 4, U(8, 21));

        var c2 = await desk.ConversationAsync(U(9, 0), ["Payments"], [(InvoicesPage, U(9, 0)), ("https://shop.example/help", U(9, 30))],
            (MessageAuthor.Customer, "my invoice is wrong", U(9, 0)), (MessageAuthor.Bot, CacheReply, U(9, 1)), (MessageAuthor.Customer, "are you kidding me", U(9, 2)));
        var k2 = await desk.CaseAsync(c2.Id, U(9, 10), IssueCategory.Billing, [(ReasonCategory.Sentiment, null)], (c, a) =>
        {
            Take(c, a(ana), U(9, 12));
            c.Transfer(Skill.Billing, null, "second look", U(9, 15), ActorKind.Agent, ana.Id.ToString());
            c.Assign(a(ana), U(9, 16), ActorKind.User, "lead", CaseEventReason.Reassigned);
            c.Resolve("fixed", U(9, 40), ActorKind.Agent, ana.Id.ToString());
        });

        await desk.ConversationAsync(U(10, 0), ["API"], [],
            (MessageAuthor.Customer, "the page is blank", U(10, 0)), (MessageAuthor.Bot, CacheReply, U(10, 1)), (MessageAuthor.Customer, "that worked, thanks", U(10, 2)));

        var c4 = await desk.ConversationAsync(U(11, 0), ["API"], [("https://shop.example/developers", U(11, 0))],
            (MessageAuthor.Customer, "the API returns 500", U(11, 0)), (MessageAuthor.Bot, "Here is the API guide.", U(11, 1)));
        var k4 = await desk.CaseAsync(c4.Id, U(11, 5), IssueCategory.Technical, [(ReasonCategory.ProductDefect, null), (ReasonCategory.Complexity, null)],
            (c, a) =>
            {
                Take(c, a(ben), U(11, 6));
                c.Resolve("patched", U(11, 30), ActorKind.Agent, ben.Id.ToString());
            });

        var c5 = await desk.ConversationAsync(U(22, 30), ["Payments"], [(InvoicesPage, U(22, 30))],
            (MessageAuthor.Customer, "charged again", U(22, 30)), (MessageAuthor.Bot, CacheReply, U(22, 31)), (MessageAuthor.Customer, "unbelievable", U(22, 32)));
        await desk.CaseAsync(c5.Id, U(22, 33), IssueCategory.Billing, [(ReasonCategory.Sentiment, c5.Messages[2])]);
        return (billing, tech, k1, k2, k4);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CountsEveryReasonCategoryAndTheReasonByCategoryHeatMap(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        var report = await Metrics(h, rollups).ReportAsync(Day());

        Assert.Equal(3, report.Escalations);
        Assert.Equal(Enum.GetValues<ReasonCategory>().Order(), report.ByReason.Select(r => r.Reason).Order());
        Assert.Equal(new Rate(2, 3), Reason(report, ReasonCategory.Sentiment));
        Assert.Equal(new Rate(1, 3), Reason(report, ReasonCategory.CustomerRequest));
        Assert.Equal(new Rate(1, 3), Reason(report, ReasonCategory.ProductDefect));
        Assert.Equal(new Rate(1, 3), Reason(report, ReasonCategory.Complexity));
        Assert.Equal(new Rate(0, 3), Reason(report, ReasonCategory.Timeout));
        Assert.Equal(ReasonCategory.Sentiment, report.ByReason[0].Reason);
        Assert.Equal(
            [
                new ReasonCategoryCell(ReasonCategory.Complexity, IssueCategory.Technical, 1),
                new ReasonCategoryCell(ReasonCategory.CustomerRequest, IssueCategory.Billing, 1),
                new ReasonCategoryCell(ReasonCategory.Sentiment, IssueCategory.Billing, 2),
                new ReasonCategoryCell(ReasonCategory.ProductDefect, IssueCategory.Technical, 1),
            ],
            report.Heatmap);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RanksTheCategoriesPagesAndProductsThatEscalateMost(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        var report = await Metrics(h, rollups).ReportAsync(Day());

        Assert.Equal(
            [
                new TopicCount("Billing", new Rate(2, 3), ReasonCategory.Sentiment),
                new TopicCount("Technical", new Rate(1, 3), ReasonCategory.Complexity),
            ],
            report.ByCategory);
        // The query is not part of the page; the help page was opened only after C2's case opened.
        Assert.Equal(
            [
                new TopicCount(InvoicesPage, new Rate(2, 3), ReasonCategory.Sentiment),
                new TopicCount("https://shop.example/developers", new Rate(1, 3), ReasonCategory.Complexity),
            ],
            report.ByPage);
        Assert.Equal(
            [
                new TopicCount("Payments", new Rate(2, 3), ReasonCategory.Sentiment),
                new TopicCount("API", new Rate(1, 3), ReasonCategory.Complexity),
                new TopicCount("Invoices", new Rate(1, 3), ReasonCategory.CustomerRequest),
            ],
            report.ByProduct);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FindsTheBotReplyMostOftenFollowedByASentimentEscalation(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        var report = await Metrics(h, rollups).ReportAsync(Day());

        // Sent in C1, C2 and C3 within the range; followed by a sentiment escalation in C1 and C2. C4's reply led to no sentiment case.
        var reply = Assert.Single(report.SentimentReplies);
        Assert.Equal(new BotReplyCount(CacheReply, new Rate(2, 3), 3), reply);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheFunnelNarrowsFromConversationsThroughFirstContactResolutionToRatings(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        var report = await Metrics(h, rollups).ReportAsync(Day());

        // C1–C4 started in the range; C3 stayed with the bot; K2 changed hands; only K1 was rated.
        Assert.Equal(new FunnelFigure(Conversations: 4, KeptByBot: 1, Escalated: 3, ResolvedFirstContact: 2, Rated: 1), report.Funnel);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATeamFilterKeepsOnlyItsCasesAndAnHourFilterOnlyItsLocalHour(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        var (_, tech, _, _, k4) = await SeedAsync(h);

        var team = await Metrics(h, rollups).ReportAsync(Day() with { TeamId = tech.Id });
        // 10:00 local is 08:00 UTC: K1 only.
        var hour = await Metrics(h, rollups).ReportAsync(Day() with { HourOfDay = 10 });

        Assert.Equal(1, team.Escalations);
        Assert.Equal([new TopicCount("Technical", new Rate(1, 1), ReasonCategory.Complexity)], team.ByCategory);
        Assert.Equal((4, 1, 1), (team.Funnel.Conversations, team.Funnel.Escalated, team.Funnel.ResolvedFirstContact));
        Assert.Equal(k4, Assert.Single((await Metrics(h, rollups).CasesAsync(Day() with { TeamId = tech.Id }, new CaseSlice())).Cases).Id);
        Assert.Equal(1, hour.Escalations);
        Assert.Equal(new Rate(1, 1), Reason(hour, ReasonCategory.CustomerRequest));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEmptyRangeHasEveryReasonWithNoValueAndNothingElse(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        await SeedAsync(h);

        var report = await Metrics(h, rollups).ReportAsync(new MetricsFilter(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), Zone));

        Assert.Equal(0, report.Escalations);
        Assert.All(report.ByReason, r => Assert.Null(r.Cases.Value));
        Assert.Equal(8, report.ByReason.Count);
        Assert.Empty(report.Heatmap);
        Assert.Empty(report.ByCategory);
        Assert.Empty(report.ByPage);
        Assert.Empty(report.ByProduct);
        Assert.Empty(report.SentimentReplies);
        Assert.Equal(new FunnelFigure(0, 0, 0, 0, 0), report.Funnel);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EachFigureDrillsDownToTheCasesBehindItNewestFirst(bool rollups)
    {
        await using var h = await EngineHarness.CreateAsync();
        var (_, _, k1, k2, k4) = await SeedAsync(h);
        var metrics = Metrics(h, rollups);

        async Task<long[]> Ids(CaseSlice slice) => [.. (await metrics.CasesAsync(Day(), slice)).Cases.Select(c => c.Id)];

        Assert.Equal([k4, k2, k1], await Ids(new CaseSlice()));
        Assert.Equal([k2, k1], await Ids(new CaseSlice { Reason = ReasonCategory.Sentiment }));
        Assert.Equal([k4], await Ids(new CaseSlice { Reason = ReasonCategory.ProductDefect, Category = IssueCategory.Technical }));
        Assert.Empty(await Ids(new CaseSlice { Reason = ReasonCategory.ProductDefect, Category = IssueCategory.Billing }));
        Assert.Equal([k2, k1], await Ids(new CaseSlice { Page = InvoicesPage }));
        Assert.Equal([k2, k1], await Ids(new CaseSlice { Product = "payments" }));
        Assert.Equal([k2, k1], await Ids(new CaseSlice { BotReply = CacheReply }));
        Assert.Equal([k4, k1], await Ids(new CaseSlice { Figure = CaseFigure.ResolvedFirstContact }));
        Assert.Equal([k1], await Ids(new CaseSlice { Figure = CaseFigure.Rated }));
        Assert.Equal([k2], await Ids(new CaseSlice { Figure = CaseFigure.Transferred }));
        Assert.Equal([k2], await Ids(new CaseSlice { Figure = CaseFigure.Reassigned }));
        Assert.Empty(await Ids(new CaseSlice { Figure = CaseFigure.Misrouted }));

        var list = await metrics.CasesAsync(Day(), new CaseSlice { Reason = ReasonCategory.Sentiment });
        Assert.Equal(2, list.Total);
        var first = list.Cases[0];
        Assert.Equal((k2, IssueCategory.Billing, CaseStatus.Resolved, "Ana"), (first.Id, first.Category, first.Status, first.Agent));
        Assert.Equal([ReasonCategory.Sentiment], first.Reasons);
        Assert.StartsWith("hotspot-customer-", first.Customer);
    }

    /// <summary>Queues, offers and has <paramref name="agent"/> accept the case at <paramref name="at"/>.</summary>
    private static void Take(Case c, Agent agent, DateTime at)
    {
        c.Queue(at);
        c.Offer(agent.Id, at, at.AddMinutes(1));
        c.Accept(agent, at, null);
    }

    /// <summary>The figures in the desk's zone, read from the day rollups or, with <paramref name="rollups"/> off, from the fact rows.</summary>
    private static HotspotMetrics Metrics(EngineHarness h, bool rollups) =>
        new(h.DbFactory, Microsoft.Extensions.Options.Options.Create(new MetricsOptions { TimeZone = DeskZone, Rollups = rollups }));

    private static MetricsFilter Day() => new(March10, March10, Zone);

    private static Rate Reason(HotspotReport report, ReasonCategory reason) => report.ByReason.Single(r => r.Reason == reason).Cases;

    private static DateTime U(int hour, int minute) => new(2026, 3, 10, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Writes conversations with their customer's products, pages and transcript, and cases with chosen reasons.</summary>
    private sealed class Desk(EngineHarness h)
    {
        private int _n;

        public async Task<(Guid Id, long[] Messages)> ConversationAsync(DateTime createdAt, string[] products, (string Url, DateTime At)[] pages,
            params (MessageAuthor Author, string Text, DateTime At)[] messages)
        {
            await using var db = await h.DbFactory.CreateDbContextAsync();
            var n = ++_n;
            var customer = new Customer($"hotspot-customer-{n}", createdAt);
            customer.Apply(new CustomerProfile { Name = $"hotspot-customer-{n}", Products = products }, createdAt);
            var conversation = new Conversation(h.Integration, $"hotspot-{n}", "web", createdAt);
            conversation.AttachCustomer(customer);
            db.Conversations.Add(conversation);
            var added = messages.Select(m => conversation.AddMessage(m.Author, m.Text, m.At)).ToList();
            db.Messages.AddRange(added);
            db.PageContexts.AddRange(pages.Select(p => new PageContext(conversation.Id, p.Url, null, p.At, null)));
            await db.SaveChangesAsync();
            return (conversation.Id, [.. added.Select(m => m.Id)]);
        }

        public async Task<long> CaseAsync(Guid conversationId, DateTime openedAt, IssueCategory category, (ReasonCategory Reason, long? MessageId)[] reasons,
            Action<Case, Func<Agent, Agent>>? history = null)
        {
            await using var db = await h.DbFactory.CreateDbContextAsync();
            var conversation = await db.Conversations.FindAsync(conversationId) ?? throw new InvalidOperationException("No such conversation.");
            var agents = db.Agents.ToDictionary(a => a.Id);
            var decision = EscalationDecision.Escalated([.. reasons.Select(r => new EscalationReason(r.Reason, r.Reason.ToString(), "evidence", r.MessageId))],
                category, 0.9, CasePriority.Normal, category == IssueCategory.Technical ? Skill.Technical : Skill.Billing, AgentTier.Specialist, -0.5, SentimentTrend.Worsening);
            var @case = new Case(conversation, decision, "briefing", openedAt);
            history?.Invoke(@case, a => agents[a.Id]);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            return @case.Id;
        }

        public async Task RatingAsync(Guid conversationId, long? caseId, int score, DateTime at)
        {
            await using var db = await h.DbFactory.CreateDbContextAsync();
            db.ChatRatings.Add(new ChatRating(conversationId, caseId, score, null, at));
            await db.SaveChangesAsync();
        }
    }
}
