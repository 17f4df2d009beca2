using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Metrics.Facts;
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
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var rollups = await FactRollups.ServeAsync(db, filter, options.Value, cancellationToken);
        // The store counts the cases per reason set, category, page and product list (each case carries its
        // customer's products as stored): one sweep of the day rollups or the fact rows, a few groups, not a row per case.
        var topics = rollups && FilteredRollups.ServeCases(filter)
            ? await FilteredRollups.Cases(db.CaseDayTopics, filter).GroupBy(r => new { r.ReasonMask, r.Category, r.Page, r.Products })
                .Select(g => new TopicGroup(g.Key.ReasonMask, g.Key.Category, g.Key.Page, g.Key.Products, g.Sum(r => r.Cases)))
                .ToListAsync(cancellationToken)
            : await FilteredCases.Of(db, filter).GroupBy(k => new { k.ReasonMask, k.Category, k.Page, k.Products })
                .Select(g => new TopicGroup(g.Key.ReasonMask, g.Key.Category, g.Key.Page, g.Key.Products, g.Count()))
                .ToListAsync(cancellationToken);
        var total = topics.Sum(t => t.Cases);

        var byReason = Enum.GetValues<ReasonCategory>()
            .Select(reason => new ReasonCount(reason, new Rate(topics.Where(t => CaseFact.Has(t.ReasonMask, reason)).Sum(t => t.Cases), total)))
            .OrderByDescending(r => r.Cases.Count).ThenBy(r => r.Reason).ToList();
        var heatmap = topics.SelectMany(t => ReasonsOf(t.ReasonMask).Select(reason => (reason, t.Category, t.Cases)))
            .GroupBy(p => (p.reason, p.Category)).Select(g => new ReasonCategoryCell(g.Key.reason, g.Key.Category, g.Sum(p => p.Cases)))
            .OrderBy(c => c.Reason).ThenBy(c => c.Category).ToList();
        var byCategory = Topics(topics.Select(t => (Keys: (IReadOnlyList<string>)[t.Category.ToString()], t.ReasonMask, t.Cases)), total, int.MaxValue);
        var byPage = Topics(topics.Select(t => (Keys: t.Page is { } page ? (IReadOnlyList<string>)[PageKey(page)] : [], t.ReasonMask, t.Cases)), total, TopCount);
        var lists = topics.Select(t => t.Products ?? "").Distinct().ToDictionary(p => p, p => ProductsOf(p));
        var byProduct = Topics(topics.Select(t => (Keys: lists[t.Products ?? ""], t.ReasonMask, t.Cases)), total, TopCount);

        return new HotspotReport(total, byReason, heatmap, byCategory, byPage, byProduct,
            await SentimentRepliesAsync(db, filter, rollups, cancellationToken), await FunnelAsync(db, filter, rollups, cancellationToken));
    }

    /// <summary>The cases of one reason set, category, page and product list.</summary>
    private sealed record TopicGroup(int ReasonMask, IssueCategory Category, string? Page, string? Products, int Cases);

    /// <summary>The cases behind <paramref name="slice"/> in <paramref name="filter"/>, newest first.</summary>
    public virtual async Task<CaseList> CasesAsync(MetricsFilter filter, CaseSlice slice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(slice);
        await using var db = await FactsCatchUp.OpenCurrentAsync(dbFactory, options.Value, cancellationToken);
        var query = Narrow(FilteredCases.Of(db, filter), slice);
        if (slice.Reason is { } reason)
        {
            var bit = 1 << (int)reason;
            query = query.Where(k => (k.ReasonMask & bit) != 0);
        }
        var facts = await query.Select(k => new { k.CaseId, k.OpenedAt, k.Category, k.ReasonMask, k.Page, k.Products }).ToListAsync(cancellationToken);
        var matching = facts.Where(c => (slice.Page is not { } page || (c.Page is not null && PageKey(c.Page) == page))
                && (slice.Product is not { } product || ProductsOf(c.Products).Contains(product, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        if (slice.BotReply is { } reply)
        {
            var after = (await SentimentReplyRowsAsync(db, filter, cancellationToken)).Where(r => r.Reply == reply).Select(r => r.CaseId).ToHashSet();
            matching = [.. matching.Where(c => after.Contains(c.CaseId))];
        }
        var listed = matching.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.CaseId).Take(MaxListed).ToList();
        var ids = listed.Select(c => c.CaseId).ToList();
        var details = await db.Cases.AsNoTracking().Where(k => ids.Contains(k.Id))
            .Select(k => new { k.Id, Customer = k.Conversation!.Customer!.Name, Agent = k.AssignedAgent!.DisplayName, k.Status })
            .ToDictionaryAsync(k => k.Id, cancellationToken);
        return new CaseList(slice, matching.Count, [.. listed.Select(fact =>
        {
            var detail = details[fact.CaseId];
            return new CaseListItem(fact.CaseId, fact.OpenedAt, string.IsNullOrEmpty(detail.Customer) ? "(unknown customer)" : detail.Customer, fact.Category,
                detail.Status, ReasonsOf(fact.ReasonMask), detail.Agent);
        })]);
    }

    /// <summary>The store's part of a slice: the figure and the category.</summary>
    private IQueryable<CaseFact> Narrow(IQueryable<CaseFact> query, CaseSlice slice)
    {
        if (slice.Category is { } category) query = query.Where(k => k.Category == category);
        return slice.Figure switch
        {
            CaseFigure.All => query,
            CaseFigure.Misrouted => query.Where(k => k.Misrouted),
            CaseFigure.AskedToRepeat => query.Where(k => k.FlaggedRepeat || k.DetectedRepeat),
            CaseFigure.Bounced => query.Where(k => k.Declines + k.TimeOuts + k.Reclaims > 0),
            CaseFigure.Transferred => query.Where(k => k.Transfers > 0),
            CaseFigure.Reassigned => query.Where(k => k.Reassignments > 0),
            CaseFigure.ResolvedFirstContact => RoutingAccuracyQuery.ResolvedAtFirstContact(query, options.Value.ReopenWindowDays),
            CaseFigure.Rated => query.Where(k => k.Rated),
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice.Figure, "Not a figure."),
        };
    }

    /// <summary>The reason categories of a <see cref="CaseFact.ReasonMask"/>, in order.</summary>
    private static List<ReasonCategory> ReasonsOf(int mask) => [.. Enum.GetValues<ReasonCategory>().Where(r => CaseFact.Has(mask, r))];

    /// <summary>The products of a <see cref="CaseFact.Products"/> list as the customer's row stores it; none with no known customer.</summary>
    private static IReadOnlyList<string> ProductsOf(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : JsonSerializer.Deserialize<string[]>(stored) ?? [];

    /// <summary>A page as the hotspots group it: the address without its query or fragment, so one page is one row.</summary>
    public static string PageKey(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }

    /// <summary>
    /// The topics of groups of cases (each group's keys, reason set and case count): each key's cases
    /// (a case counts once per key, keys compared ignoring case) and the reason its cases gave most
    /// often (ties to the first in order), the most escalating first.
    /// </summary>
    private static List<TopicCount> Topics(IEnumerable<(IReadOnlyList<string> Keys, int ReasonMask, int Cases)> groups, int total, int take)
    {
        var topics = new Dictionary<string, (string Key, int Cases, int[] Reasons)>(StringComparer.OrdinalIgnoreCase);
        var reasons = Enum.GetValues<ReasonCategory>();
        foreach (var (keys, mask, cases) in groups)
        {
            foreach (var key in keys.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var topic = topics.TryGetValue(key, out var found) ? found : (key, 0, new int[reasons.Length]);
                foreach (var reason in reasons) if (CaseFact.Has(mask, reason)) topic.Item3[(int)reason] += cases;
                topics[key] = (topic.Item1, topic.Item2 + cases, topic.Item3);
            }
        }
        return [.. topics.Values
            .Select(t => new TopicCount(t.Key, new Rate(t.Cases, total),
                reasons.Where(r => t.Reasons[(int)r] > 0).OrderByDescending(r => t.Reasons[(int)r]).ThenBy(r => r).Select(r => (ReasonCategory?)r).FirstOrDefault()))
            .OrderByDescending(t => t.Cases.Count).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(take)];
    }

    /// <summary>
    /// The bot replies most often followed by a sentiment escalation. For each case escalated (among
    /// others) for sentiment, the reply is the bot's last message before the customer message the
    /// sentiment reason points at, or, when it points at none, before the case opened. The share is of
    /// the times the bot sent that reply in the conversations that started in the range.
    /// </summary>
    private static async Task<List<BotReplyCount>> SentimentRepliesAsync(AgentConsoleDbContext db, MetricsFilter filter, bool rollups, CancellationToken cancellationToken)
    {
        var counts = rollups && FilteredRollups.ServeCases(filter)
            ? (await FilteredRollups.Cases(db.CaseDayReplies, filter).GroupBy(r => r.Reply).Select(g => new { Text = g.Key, Count = g.Sum(r => r.Cases) })
                .ToListAsync(cancellationToken)).Select(g => (g.Text, g.Count))
            : (await SentimentReplyRowsAsync(db, filter, cancellationToken)).GroupBy(r => r.Reply, StringComparer.Ordinal).Select(g => (Text: g.Key, Count: g.Count()));
        var top = counts.OrderByDescending(g => g.Count).ThenBy(g => g.Text, StringComparer.Ordinal).Take(TopCount).ToList();
        if (top.Count == 0) return [];
        var texts = top.Select(t => t.Text).ToList();
        var sent = await SentAsync(db, filter, texts, cancellationToken);
        return [.. top.Select(t =>
        {
            // A case can open on a conversation that started before the range; its reply still counts once as sent.
            var times = Math.Max(sent.GetValueOrDefault(t.Text), t.Count);
            return new BotReplyCount(t.Text, new Rate(t.Count, times), times);
        })];
    }

    /// <summary>How often the bot sent each of <paramref name="texts"/> in the conversations that started in the range on the filter's channel and tier.</summary>
    private static async Task<Dictionary<string, int>> SentAsync(AgentConsoleDbContext db, MetricsFilter filter, List<string> texts, CancellationToken cancellationToken)
    {
        var (start, end) = (filter.UtcStart, filter.UtcEnd);
        // The few texts as constants, so the store looks each up in its text index.
        var query = db.ConversationBotReplies.AsNoTracking().Where(r => EF.Constant(texts).Contains(r.Text) && r.CreatedAt >= start && r.CreatedAt < end && !r.Direct);
        if (filter.Channel is { } channel) query = query.Where(r => r.Channel == channel);
        if (filter.Tier is { } tier) query = query.Where(r => r.Tier == tier);
        return await query.GroupBy(r => r.Text).Select(g => new { Text = g.Key, Count = g.Sum(r => r.Sent) })
            .ToDictionaryAsync(g => g.Text, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The sentiment escalations in the filter with their reply (kept per case by the store: <see cref="CaseFact.SentimentReplyId"/>).</summary>
    private static async Task<List<(long CaseId, string Reply)>> SentimentReplyRowsAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var rows = await (
                from k in FilteredCases.Of(db, filter).Where(k => k.SentimentReplyId != null)
                join m in db.Messages on k.SentimentReplyId equals (long?)m.Id
                select new { k.CaseId, m.Text })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.CaseId, r.Text))];
    }

    /// <summary>The funnel over the conversations that started in the range; a team or skill narrows which cases count as escalations.</summary>
    private async Task<FunnelFigure> FunnelAsync(AgentConsoleDbContext db, MetricsFilter filter, bool rollups, CancellationToken cancellationToken)
    {
        if (rollups && FilteredRollups.ServeConversations(filter))
        {
            var sums = await FilteredRollups.Conversations(db, filter).GroupBy(r => 1)
                .Select(g => new FunnelQuarter(0, g.Sum(r => r.Conversations), g.Sum(r => r.Escalated), g.Sum(r => r.FirstContact), g.Sum(r => r.FirstContactRated)))
                .FirstOrDefaultAsync(cancellationToken);
            return sums is null ? new FunnelFigure(0, 0, 0, 0, 0) : new FunnelFigure(sums.All, sums.All - sums.Escalated, sums.Escalated, sums.FirstContact, sums.FirstContactRated);
        }
        var quarters = FilteredCases.NarrowsCases(filter)
            ? await NarrowedFunnelAsync(db, filter, cancellationToken)
            : await FirstCaseFunnelAsync(db, filter, cancellationToken);
        var inHour = quarters.Where(q => filter.InHour(ConversationFact.QuarterStart(q.Quarter))).ToList();
        var (all, escalated) = (inHour.Sum(q => q.All), inHour.Sum(q => q.Escalated));
        return new FunnelFigure(all, all - escalated, escalated, inHour.Sum(q => q.FirstContact), inHour.Sum(q => q.FirstContactRated));
    }

    /// <summary>One quarter hour of the funnel (or, summed from the rollups, the whole range).</summary>
    private sealed record FunnelQuarter(long Quarter, int All, int Escalated, int FirstContact, int FirstContactRated);

    /// <summary>The funnel with each conversation's first case as its escalation: what that case's outcome is, the conversation's row keeps.</summary>
    private async Task<List<FunnelQuarter>> FirstCaseFunnelAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var window = RoutingAccuracyQuery.WindowTicks(options.Value.ReopenWindowDays);
        var query = FilteredConversations.Of(db, filter);
        if (filter.Category is { } category) query = query.Where(c => c.Category == category);
        return await query
            .Select(c => new
            {
                c.Quarter,
                Escalated = c.FirstCaseId != null,
                FirstContact = c.FirstCaseId != null && c.FirstCaseSettled && (c.FirstCaseReopenTicks == null || c.FirstCaseReopenTicks >= window),
                c.FirstCaseRated,
            })
            .GroupBy(c => c.Quarter)
            .Select(g => new FunnelQuarter(g.Key, g.Count(), g.Count(c => c.Escalated), g.Count(c => c.FirstContact), g.Count(c => c.FirstContact && c.FirstCaseRated)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The funnel with a conversation's first case of the filter's team and skill as its escalation, looked up per conversation.</summary>
    private async Task<List<FunnelQuarter>> NarrowedFunnelAsync(AgentConsoleDbContext db, MetricsFilter filter, CancellationToken cancellationToken)
    {
        var firstContact = RoutingAccuracyQuery.ResolvedAtFirstContact(db.CaseFacts.AsNoTracking(), options.Value.ReopenWindowDays);
        return await FilteredConversations.WithEscalation(db, filter)
            .Select(c => new
            {
                c.Quarter,
                Escalated = c.FirstCase != null,
                FirstContact = c.FirstCase != null && firstContact.Any(k => k.CaseId == c.FirstCase),
                Rated = c.FirstCase != null && db.CaseFacts.Any(k => k.CaseId == c.FirstCase && k.Rated),
            })
            .GroupBy(c => c.Quarter)
            .Select(g => new FunnelQuarter(g.Key, g.Count(), g.Count(c => c.Escalated), g.Count(c => c.FirstContact), g.Count(c => c.FirstContact && c.Rated)))
            .ToListAsync(cancellationToken);
    }
}
