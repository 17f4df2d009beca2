using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// Why conversations escalate and where, and the cases behind each figure: escalations by reason
/// category, the reason × category heat map, the categories, pages and products that escalate most,
/// the bot replies most often followed by a sentiment escalation, and the escalation funnel. All of
/// it from the stored cases (their reasons, category, customer and the page the customer had open),
/// messages and ratings, for a <see cref="MetricsFilter"/>.
/// </summary>
public class HotspotMetrics(IDbContextFactory<AgentConsoleDbContext> dbFactory, IOptions<MetricsOptions> options)
{
    /// <summary>The most rows a top list (pages, products, bot replies) shows.</summary>
    public const int TopCount = 10;

    /// <summary>The most cases a drill-down lists; it always says how many there are in all.</summary>
    public const int MaxListed = 500;

    /// <summary>Every hotspot figure and the funnel for <paramref name="filter"/>.</summary>
    public virtual async Task<HotspotReport> ReportAsync(MetricsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = await CaseFactsAsync(db, filter, cancellationToken);
        var total = cases.Count;

        var byReason = Enum.GetValues<ReasonCategory>()
            .Select(reason => new ReasonCount(reason, new Rate(cases.Count(c => c.Reasons.Contains(reason)), total)))
            .OrderByDescending(r => r.Cases.Count).ThenBy(r => r.Reason).ToList();
        var heatmap = cases.SelectMany(c => c.Reasons.Distinct().Select(reason => (reason, c.Category)))
            .GroupBy(p => p).Select(g => new ReasonCategoryCell(g.Key.reason, g.Key.Category, g.Count()))
            .OrderBy(c => c.Reason).ThenBy(c => c.Category).ToList();
        var byCategory = Topics(cases, c => [c.Category.ToString()], total, int.MaxValue);
        var byPage = Topics(cases, c => c.Page is { } page ? [page] : [], total, TopCount);
        var byProduct = Topics(cases, c => c.Products, total, TopCount);

        return new HotspotReport(total, byReason, heatmap, byCategory, byPage, byProduct,
            await SentimentRepliesAsync(db, filter, cancellationToken), await FunnelAsync(db, filter, cancellationToken));
    }

    /// <summary>The cases behind <paramref name="slice"/> in <paramref name="filter"/>, newest first.</summary>
    public virtual async Task<CaseList> CasesAsync(MetricsFilter filter, CaseSlice slice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(slice);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Narrow(db, FilteredCases.Of(db, filter), slice);
        var facts = await CaseFactsAsync(db, filter, cancellationToken, query);
        var matching = facts.Where(c => (slice.Reason is not { } reason || c.Reasons.Contains(reason))
                && (slice.Page is not { } page || c.Page == page)
                && (slice.Product is not { } product || c.Products.Contains(product, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        if (slice.BotReply is { } reply)
        {
            var after = (await SentimentReplyRowsAsync(db, filter, cancellationToken)).Where(r => r.Reply == reply).Select(r => r.CaseId).ToHashSet();
            matching = [.. matching.Where(c => after.Contains(c.Id))];
        }
        var listed = matching.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Take(MaxListed).Select(c => c.Id).ToList();
        var details = await db.Cases.AsNoTracking().Where(k => listed.Contains(k.Id))
            .Select(k => new { k.Id, Customer = k.Conversation!.Customer!.Name, Agent = k.AssignedAgent!.DisplayName, k.Status })
            .ToDictionaryAsync(k => k.Id, cancellationToken);
        var byId = matching.ToDictionary(c => c.Id);
        return new CaseList(slice, matching.Count, [.. listed.Select(id =>
        {
            var (fact, detail) = (byId[id], details[id]);
            return new CaseListItem(id, fact.OpenedAt, string.IsNullOrEmpty(detail.Customer) ? "(unknown customer)" : detail.Customer, fact.Category, detail.Status,
                [.. fact.Reasons.Distinct().Order()], detail.Agent);
        })]);
    }

    /// <summary>The store's part of a slice: the figure and the category, as SQL.</summary>
    private IQueryable<Case> Narrow(AgentConsoleDbContext db, IQueryable<Case> query, CaseSlice slice)
    {
        if (slice.Category is { } category) query = query.Where(k => (k.ResolvedCategory ?? k.Category) == category);
        return slice.Figure switch
        {
            CaseFigure.All => query,
            CaseFigure.Misrouted => query.Where(k => db.FeedbackFlags.Any(f => f.CaseId == k.Id && f.Flag == CaseFlag.Misrouted)),
            CaseFigure.AskedToRepeat => query.Where(k => db.FeedbackFlags.Any(f => f.CaseId == k.Id && f.Flag == CaseFlag.CustomerRepeated)
                || db.RepeatMentions.Any(m => m.CaseId == k.Id)),
            CaseFigure.Bounced => query.Where(k => db.CaseEvents.Any(e => e.CaseId == k.Id
                && (e.Type == CaseEventType.Declined || e.Type == CaseEventType.TimedOut || e.Type == CaseEventType.Reclaimed))),
            CaseFigure.Transferred => query.Where(k => db.CaseEvents.Any(e => e.CaseId == k.Id && e.Type == CaseEventType.Transferred)),
            CaseFigure.Reassigned => query.Where(k => db.CaseEvents.Any(e => e.CaseId == k.Id && e.Type == CaseEventType.Reassigned)),
            CaseFigure.ResolvedFirstContact => ResolvedFirstContact(db, query),
            CaseFigure.Rated => query.Where(k => db.ChatRatings.Any(r => r.CaseId == k.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice.Figure, "Not a figure."),
        };
    }

    /// <summary>Resolved cases resolved at first contact, by <see cref="RoutingAccuracyQuery"/>'s rule.</summary>
    private IQueryable<Case> ResolvedFirstContact(AgentConsoleDbContext db, IQueryable<Case> query) =>
        RoutingAccuracyQuery.ResolvedAtFirstContact(db, query, options.Value.ReopenWindowDays);

    /// <summary>What the hotspots need of each case in the filter (and its hour): category, reasons, the page, the customer's products.</summary>
    private static async Task<List<CaseFact>> CaseFactsAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken,
        IQueryable<Case>? query = null)
    {
        var rows = await (query ?? FilteredCases.Of(db, filter)).Select(k => new
            {
                k.Id,
                k.OpenedAt,
                Category = k.ResolvedCategory ?? k.Category,
                Reasons = k.Reasons,
                // The page the customer had open when the case opened: the latest viewed by then.
                Page = db.PageContexts.Where(p => p.ConversationId == k.ConversationId && p.ViewedAt <= k.OpenedAt)
                    .OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id).Select(p => p.Url).FirstOrDefault(),
                Products = k.Conversation!.Customer!.Products,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => filter.InHour(r.OpenedAt)).Select(r => new CaseFact(r.Id, r.OpenedAt, r.Category, [.. r.Reasons.Select(x => x.Category)],
            r.Page is null ? null : PageKey(r.Page), r.Products ?? []))];
    }

    /// <summary>A page as the hotspots group it: the address without its query or fragment, so one page is one row.</summary>
    public static string PageKey(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    private static List<TopicCount> Topics(List<CaseFact> cases, Func<CaseFact, IEnumerable<string>> keys, int total, int take) =>
        [.. cases.SelectMany(c => keys(c).Distinct(StringComparer.OrdinalIgnoreCase).Select(key => (key, c)))
            .GroupBy(p => p.key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TopicCount(g.Key, new Rate(g.Count(), total),
                g.SelectMany(p => p.c.Reasons.Distinct()).GroupBy(r => r).OrderByDescending(r => r.Count()).ThenBy(r => r.Key).Select(r => (ReasonCategory?)r.Key).FirstOrDefault()))
            .OrderByDescending(t => t.Cases.Count).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(take)];

    /// <summary>
    /// The bot replies most often followed by a sentiment escalation. For each case escalated (among
    /// others) for sentiment, the reply is the bot's last message before the customer message the
    /// sentiment reason points at, or, when it points at none, before the case opened. The share is of
    /// the times the bot sent that reply in the conversations that started in the range.
    /// </summary>
    private static async Task<List<BotReplyCount>> SentimentRepliesAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await SentimentReplyRowsAsync(db, filter, cancellationToken);
        var top = rows.GroupBy(r => r.Reply, StringComparer.Ordinal)
            .Select(g => (Text: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Text, StringComparer.Ordinal).Take(TopCount).ToList();
        if (top.Count == 0) return [];
        var texts = top.Select(t => t.Text).ToList();
        var sent = await FilteredConversations.Of(db, filter)
            .SelectMany(c => db.Messages.Where(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Bot && texts.Contains(m.Text)))
            .GroupBy(m => m.Text).Select(g => new { Text = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Text, g => g.Count, StringComparer.Ordinal, cancellationToken);
        return [.. top.Select(t =>
        {
            // A case can open on a conversation that started before the range; its reply still counts once as sent.
            var times = Math.Max(sent.GetValueOrDefault(t.Text), t.Count);
            return new BotReplyCount(t.Text, new Rate(t.Count, times), times);
        })];
    }

    private static async Task<List<(long CaseId, string Reply)>> SentimentReplyRowsAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var sentiment = await FilteredCases.Of(db, filter)
            .Where(k => k.Reasons.Any(r => r.Category == ReasonCategory.Sentiment))
            .Select(k => new { k.Id, k.ConversationId, k.OpenedAt, Reasons = k.Reasons })
            .ToListAsync(cancellationToken);
        var cases = sentiment.Where(k => filter.InHour(k.OpenedAt))
            .Select(k => (k.Id, k.ConversationId, k.OpenedAt,
                Evidence: k.Reasons.Where(r => r.Category == ReasonCategory.Sentiment && r.MessageId is not null).Select(r => r.MessageId).Max()))
            .ToList();
        if (cases.Count == 0) return [];
        // One read of the bot's messages in those conversations up to their latest escalation, then each case picks its own.
        var conversations = cases.Select(k => k.ConversationId).Distinct().ToList();
        var latest = cases.Max(k => k.OpenedAt);
        var botMessages = (await db.Messages.AsNoTracking()
                .Where(m => conversations.Contains(m.ConversationId) && m.Author == MessageAuthor.Bot && m.SentAt <= latest)
                .Select(m => new { m.ConversationId, m.Id, m.SentAt, m.Text })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.ConversationId);
        var replies = new List<(long, string)>();
        foreach (var k in cases)
        {
            var reply = botMessages[k.ConversationId]
                .Where(m => m.SentAt <= k.OpenedAt && (k.Evidence is not { } evidence || m.Id < evidence))
                .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
                .FirstOrDefault();
            if (reply is not null) replies.Add((k.Id, reply.Text));
        }
        return replies;
    }

    /// <summary>The funnel over the conversations that started in the range; a team or skill narrows which cases count as escalations.</summary>
    private async Task<FunnelFigure> FunnelAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var cases = FilteredCases.OfTeamAndSkill(db.Cases.AsNoTracking(), filter);
        var query = FilteredConversations.Of(db, filter).Select(c => new
        {
            c.CreatedAt,
            Category = db.Cases.Where(k => k.ConversationId == c.Id).OrderByDescending(k => k.Id).Select(k => (IssueCategory?)(k.ResolvedCategory ?? k.Category)).FirstOrDefault()
                ?? db.TriggerStates.Where(s => s.ConversationId == c.Id).Select(s => (IssueCategory?)s.Category).FirstOrDefault()
                ?? IssueCategory.Other,
            FirstCase = cases.Where(k => k.ConversationId == c.Id).OrderBy(k => k.Id).Select(k => (long?)k.Id).FirstOrDefault(),
        });
        if (filter.Category is { } category) query = query.Where(c => c.Category == category);
        var conversations = await query.Select(c => new { c.CreatedAt, c.FirstCase }).ToListAsync(cancellationToken);
        // A conversation's first case opened after it started, so after the range began: the first-contact
        // and rated sets are read for those cases once, rather than asked per conversation (a correlated
        // test of the first-contact rule per row made the store re-evaluate it for every conversation).
        var start = filter.UtcStart;
        var since = cases.Where(k => k.OpenedAt >= start);
        var firstContact = (await ResolvedFirstContact(db, since).Select(k => k.Id).ToListAsync(cancellationToken)).ToHashSet();
        var rated = (await db.ChatRatings.Where(r => r.CaseId != null && since.Any(k => k.Id == r.CaseId)).Select(r => r.CaseId!.Value).ToListAsync(cancellationToken))
            .ToHashSet();
        var rows = conversations.Select(c => new
        {
            c.CreatedAt,
            Escalated = c.FirstCase != null,
            FirstContact = c.FirstCase is { } id && firstContact.Contains(id),
            Rated = c.FirstCase is { } r && rated.Contains(r),
        });
        var inHour = rows.Where(r => filter.InHour(r.CreatedAt)).ToList();
        var escalated = inHour.Count(r => r.Escalated);
        return new FunnelFigure(inHour.Count, inHour.Count - escalated, escalated, inHour.Count(r => r.FirstContact), inHour.Count(r => r.FirstContact && r.Rated));
    }

    private sealed record CaseFact(long Id, DateTime OpenedAt, IssueCategory Category, IReadOnlyList<ReasonCategory> Reasons, string? Page, IReadOnlyList<string> Products);
}
