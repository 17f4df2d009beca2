using System.Globalization;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Metrics;

/// <summary>Which of a range's cases a figure counts: what a drill-down lists.</summary>
public enum CaseFigure
{
    /// <summary>Every case opened in the range.</summary>
    All,
    /// <summary>Cases an agent flagged as misrouted.</summary>
    Misrouted,
    /// <summary>Cases where the customer had to repeat themselves: flagged by the agent or said by the customer after the handoff.</summary>
    AskedToRepeat,
    /// <summary>Cases with at least one declined, timed-out or reclaimed offer.</summary>
    Bounced,
    /// <summary>Cases transferred at least once.</summary>
    Transferred,
    /// <summary>Cases a lead reassigned or sent back to the queue at least once.</summary>
    Reassigned,
    /// <summary>Cases resolved at first contact, as <see cref="RoutingAccuracyQuery"/> counts them.</summary>
    ResolvedFirstContact,
    /// <summary>Cases whose customer rated them.</summary>
    Rated,
}

/// <summary>
/// The cases behind one figure or one row of a table: a <see cref="CaseFigure"/>, narrowed by any of
/// a reason category, a category, a page, a product and a bot reply. Everything left null does not narrow.
/// </summary>
public sealed record CaseSlice
{
    /// <summary>The figure whose cases these are.</summary>
    public CaseFigure Figure { get; init; } = CaseFigure.All;

    /// <summary>Cases escalated (among others) for this reason category.</summary>
    public ReasonCategory? Reason { get; init; }

    /// <summary>Cases of this category (as resolved, else as escalated). Narrows the filter's category, which applies too.</summary>
    public IssueCategory? Category { get; init; }

    /// <summary>Cases whose customer had this page (address without its query) open when they escalated.</summary>
    public string? Page { get; init; }

    /// <summary>Cases whose customer uses this product.</summary>
    public string? Product { get; init; }

    /// <summary>Sentiment escalations whose last bot reply before the customer's message was this text.</summary>
    public string? BotReply { get; init; }

    /// <summary>A short description for the drill-down's heading.</summary>
    public string Describe()
    {
        var parts = new List<string> { Figure.ToString() };
        if (Reason is { } reason) parts.Add("reason " + ReasonCategoryNames.Of(reason));
        if (Category is { } category) parts.Add("category " + category);
        if (Page is { } page) parts.Add("page " + page);
        if (Product is { } product) parts.Add("product " + product);
        if (BotReply is { } reply) parts.Add(string.Create(CultureInfo.InvariantCulture, $"after the bot reply \"{reply}\""));
        return string.Join(", ", parts);
    }
}

/// <summary>One case in a drill-down.</summary>
public sealed record CaseListItem(long Id, DateTime OpenedAt, string Customer, IssueCategory Category, CaseStatus Status, IReadOnlyList<ReasonCategory> Reasons,
    string? Agent);

/// <summary>A drill-down: the cases behind a figure, newest first, at most <see cref="HotspotMetrics.MaxListed"/>, and how many there are in all.</summary>
public sealed record CaseList(CaseSlice Slice, int Total, IReadOnlyList<CaseListItem> Cases);
