using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Schedules;

/// <summary>
/// An on-call rotation for one skill or one team, as stored. Who is on call at an instant is never
/// stored: <see cref="RotationCalendar"/> computes it from this definition and the time.
/// </summary>
public sealed class OnCallRotation
{
    private List<Guid> _members = [];
    private List<RotationOverride> _overrides = [];

    private OnCallRotation() { }

    /// <summary>A new rotation, checked by <see cref="Define"/>.</summary>
    public OnCallRotation(RotationDefinition definition)
    {
        Id = Guid.CreateVersion7();
        Define(definition);
    }

    /// <summary>The rotation's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>A name, such as "Billing on call".</summary>
    public string Name { get; private set; } = "";

    /// <summary>The skill covered, or null for a team rotation.</summary>
    public Skill? Skill { get; private set; }

    /// <summary>The team covered, or null for a skill rotation.</summary>
    public Guid? TeamId { get; private set; }

    /// <summary>The IANA zone of <see cref="HandOver"/>.</summary>
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The local time of day at which shifts hand over.</summary>
    public TimeOnly HandOver { get; private set; }

    /// <summary>How many days a shift lasts.</summary>
    public int ShiftDays { get; private set; }

    /// <summary>The local date of the first shift.</summary>
    public DateOnly StartDate { get; private set; }

    /// <summary>The members in rotation order.</summary>
    public IReadOnlyList<Guid> Members => _members;

    /// <summary>The swaps and holidays.</summary>
    public IReadOnlyList<RotationOverride> Overrides => _overrides;

    /// <summary>The definition as an admin edits it.</summary>
    public RotationDefinition Definition => new(Name, Skill, TeamId, TimeZone, HandOver, ShiftDays, StartDate, [.. _members],
        [.. _overrides.Select(o => new RotationOverride(o.Kind, o.AgentId, o.From, o.To, o.CoverAgentId))]);

    /// <summary>
    /// Replaces the definition after checking it; a <see cref="DomainException"/> says what is wrong
    /// and changes nothing.
    /// </summary>
    public void Define(RotationDefinition definition)
    {
        RotationRules.Check(definition);
        Name = definition.Name.Trim();
        Skill = definition.Skill;
        TeamId = definition.TeamId;
        TimeZone = definition.TimeZone;
        HandOver = definition.HandOver;
        ShiftDays = definition.ShiftDays;
        StartDate = definition.StartDate;
        _members = [.. definition.Members];
        _overrides = [.. definition.Overrides.OrderBy(o => o.From)];
    }
}
