using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// When a waiting customer can truthfully expect an answer if every team that could take their case
/// is closed: the earliest next opening among the teams with an agent who has the case's skill.
/// Null when the case is not held by the hours: it is urgent or a security case (routed at any
/// hour), a team that could take it is open (or keeps no hours), or no agent has the skill. The
/// widget and the <c>case.queue_position</c> webhook both say it. Pure.
/// </summary>
public static class ExpectedAnswer
{
    /// <summary>The opening a case of <paramref name="skill"/> and <paramref name="priority"/> waits for, or null (see the class).</summary>
    /// <param name="skill">The skill the case needs.</param>
    /// <param name="priority">The case's base priority.</param>
    /// <param name="agents">Each agent's team and skills.</param>
    /// <param name="hours">The calendars of the teams that keep hours; a team not listed is open around the clock.</param>
    /// <param name="now">The instant (UTC).</param>
    public static DateTime? At(Skill skill, CasePriority priority, IEnumerable<(Guid TeamId, SkillLevels Skills)> agents,
        IReadOnlyDictionary<Guid, BusinessCalendar> hours, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(hours);
        if (CaseToRoute.RoutesAnyHour(skill, priority)) return null;
        DateTime? earliest = null;
        foreach (var team in agents.Where(a => a.Skills.Has(skill)).Select(a => a.TeamId).Distinct())
        {
            if (!hours.TryGetValue(team, out var calendar) || calendar.IsOpen(now)) return null;
            if (calendar.NextOpening(now) is { } opening && (earliest is null || opening < earliest)) earliest = opening;
        }
        return earliest;
    }
}
