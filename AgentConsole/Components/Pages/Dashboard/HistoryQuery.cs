using AgentConsole.Core.Conversations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Components.Pages.Dashboard;

/// <summary>What the history page's filters ask for: a range of desk days and the optional narrowings of <see cref="MetricsFilter"/>.</summary>
public sealed record HistoryQuery(DateOnly From, DateOnly To)
{
    public IssueCategory? Category { get; init; }
    public CustomerTier? Tier { get; init; }
    public string? Channel { get; init; }
    public Guid? TeamId { get; init; }
    public Skill? Skill { get; init; }
    public int? HourOfDay { get; init; }

    /// <summary>The last <paramref name="days"/> desk days up to and including <paramref name="today"/>.</summary>
    public static HistoryQuery Last(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    /// <summary>
    /// This query as <paramref name="actor"/> may run it: a supervisor or admin as asked, a team lead
    /// always for their own team, whatever the filters say; null for anyone else.
    /// </summary>
    public HistoryQuery? ScopedTo(RoutingActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsSupervisor) return this;
        return actor is { Role: ConsoleRole.TeamLead, TeamId: { } team } ? this with { TeamId = team } : null;
    }

    /// <summary>The metrics filter of this query, with days in the desk's zone as <paramref name="history"/> counts them.</summary>
    public MetricsFilter ToFilter(HistoryMetrics history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Days(From, To) with
        {
            Category = Category,
            Tier = Tier,
            Channel = string.IsNullOrWhiteSpace(Channel) ? null : Channel.Trim(),
            TeamId = TeamId,
            Skill = Skill,
            HourOfDay = HourOfDay,
        };
    }
}
