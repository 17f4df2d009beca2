using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// What an admin types to define an on-call rotation: the scope (one skill or one team), the
/// members in order, the hand-over time of day in an IANA time zone, the shift length in days
/// (1 for daily, 7 for weekly), the first shift's date and the overrides.
/// </summary>
/// <param name="Name">A name for the rotation, such as "Billing on call".</param>
/// <param name="Skill">The skill the rotation covers, or null for a team rotation.</param>
/// <param name="TeamId">The team the rotation covers, or null for a skill rotation.</param>
/// <param name="TimeZone">The IANA zone of the hand-over time, such as "Europe/Berlin".</param>
/// <param name="HandOver">The local time of day at which one shift hands over to the next.</param>
/// <param name="ShiftDays">How many days a shift lasts (1..28).</param>
/// <param name="StartDate">The local date of the first shift; the first member takes it.</param>
/// <param name="Members">The agents in rotation order.</param>
/// <param name="Overrides">Swaps and holidays.</param>
public sealed record RotationDefinition(
    string Name,
    Skill? Skill,
    Guid? TeamId,
    string TimeZone,
    TimeOnly HandOver,
    int ShiftDays,
    DateOnly StartDate,
    IReadOnlyList<Guid> Members,
    IReadOnlyList<RotationOverride> Overrides)
{
    /// <summary>The longest shift a rotation may have.</summary>
    public const int MaxShiftDays = 28;

    /// <summary>The most members a rotation may have.</summary>
    public const int MaxMembers = 50;

    /// <summary>The most overrides a rotation may keep.</summary>
    public const int MaxOverrides = 200;
}
