using AgentConsole.Core.Common;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Schedules;

/// <summary>The checks a rotation's definition must pass before it is stored; each failure is a <see cref="DomainException"/>.</summary>
public static class RotationRules
{
    /// <summary>Checks <paramref name="definition"/> on its own (the admin service checks it against the desk).</summary>
    public static void Check(RotationDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name)) throw new DomainException("A rotation needs a name.");
        if (definition.Name.Trim().Length > FieldLimits.Name) throw new DomainException($"A rotation's name may be at most {FieldLimits.Name} characters.");
        if ((definition.Skill is null) == (definition.TeamId is null)) throw new DomainException("A rotation covers either one skill or one team.");
        if (definition.Skill is { } skill && !Enum.IsDefined(skill)) throw new DomainException($"{(int)skill} is not a skill.");
        ZonedTime.Zone(definition.TimeZone);
        if (definition.ShiftDays is < 1 or > RotationDefinition.MaxShiftDays)
            throw new DomainException($"A shift lasts from 1 to {RotationDefinition.MaxShiftDays} days.");
        if (definition.Members is null || definition.Members.Count == 0) throw new DomainException("A rotation needs at least one member.");
        if (definition.Members.Count > RotationDefinition.MaxMembers) throw new DomainException($"A rotation may have at most {RotationDefinition.MaxMembers} members.");
        if (definition.Members.Distinct().Count() != definition.Members.Count) throw new DomainException("A member may be listed once.");
        var overrides = definition.Overrides ?? [];
        if (overrides.Count > RotationDefinition.MaxOverrides) throw new DomainException($"A rotation may keep at most {RotationDefinition.MaxOverrides} overrides.");
        foreach (var o in overrides) CheckOverride(o, definition.Members);
        // Two overrides of one kind for one member at once would leave who covers ambiguous.
        foreach (var group in overrides.GroupBy(o => (o.Kind, o.AgentId)))
        {
            var ordered = group.OrderBy(o => o.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].From < ordered[i - 1].To)
                    throw new DomainException($"Two {group.Key.Kind.ToString().ToLowerInvariant()}s for the same member overlap ({ordered[i - 1].From:u} to {ordered[i - 1].To:u} and {ordered[i].From:u} to {ordered[i].To:u}).");
        }
    }

    private static void CheckOverride(RotationOverride o, IReadOnlyList<Guid> members)
    {
        if (!Enum.IsDefined(o.Kind)) throw new DomainException($"{(int)o.Kind} is not a kind of override.");
        if (o.From.Kind != DateTimeKind.Utc || o.To.Kind != DateTimeKind.Utc) throw new DomainException("An override's times must be UTC.");
        if (o.To <= o.From) throw new DomainException("An override must end after it starts.");
        if (!members.Contains(o.AgentId)) throw new DomainException("An override must be for a member of the rotation.");
        if (o.Kind == OverrideKind.Swap && (o.CoverAgentId is not { } cover || cover == o.AgentId))
            throw new DomainException("A swap needs another agent to cover.");
    }
}
