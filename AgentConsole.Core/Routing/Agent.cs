using AgentConsole.Core.Common;

namespace AgentConsole.Core.Routing;

/// <summary>A skill an agent has, with a proficiency from 1 (learning) to 5 (expert).</summary>
public sealed class AgentSkill
{
    public const int MinProficiency = 1, MaxProficiency = 5;

    /// <summary>For the store.</summary>
    public AgentSkill() { }

    public AgentSkill(Skill skill, int proficiency)
    {
        if (proficiency is < MinProficiency or > MaxProficiency)
            throw new DomainException($"Proficiency must be between {MinProficiency} and {MaxProficiency}.");
        Skill = skill;
        Proficiency = proficiency;
    }

    public Skill Skill { get; set; }
    public int Proficiency { get; set; }
}

/// <summary>A human who takes escalated cases.</summary>
public sealed class Agent
{
    private List<AgentSkill> _skills = [];

    private Agent() { }

    public Agent(string displayName, string email, Guid teamId, AgentTier tier, int capacity, IEnumerable<AgentSkill> skills)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Id = Guid.CreateVersion7();
        DisplayName = displayName;
        Email = email;
        TeamId = teamId;
        Tier = tier;
        SetCapacity(capacity);
        SetSkills(skills);
        Presence = Presence.Offline;
    }

    public Guid Id { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public Guid TeamId { get; private set; }
    public AgentTier Tier { get; private set; }
    public IReadOnlyList<AgentSkill> Skills => _skills;
    /// <summary>The most cases the agent may hold at once.</summary>
    public int Capacity { get; private set; }
    public Presence Presence { get; private set; }
    public DateTime? LastAssignedAt { get; private set; }

    /// <summary>The agent's proficiency in <paramref name="skill"/>, or 0 without it.</summary>
    public int ProficiencyIn(Skill skill) => _skills.FirstOrDefault(s => s.Skill == skill)?.Proficiency ?? 0;

    public void SetCapacity(int capacity)
    {
        if (capacity is < 0 or > 100) throw new DomainException("Capacity must be between 0 and 100.");
        Capacity = capacity;
    }

    public void SetSkills(IEnumerable<AgentSkill> skills)
    {
        var list = skills.ToList();
        if (list.GroupBy(s => s.Skill).Any(g => g.Count() > 1)) throw new DomainException("A skill may be listed once.");
        _skills = list;
    }

    public void SetTier(AgentTier tier) => Tier = tier;
    /// <summary>When the agent last became Away or Offline; their assigned cases are held from then.</summary>
    public DateTime? UnavailableSince { get; private set; }

    /// <summary>Whether the current Away was set by the engine because the agent's connection dropped, not by the agent.</summary>
    public bool AwayForDisconnect { get; private set; }

    /// <summary>The presence the agent had before the engine set them Away for a dropped connection.</summary>
    public Presence? PresenceBeforeAway { get; private set; }

    /// <summary>Whether the agent is Away or Offline: no offers, and their cases are held.</summary>
    public bool IsUnavailable => Presence is Presence.Away or Presence.Offline;

    /// <summary>Sets the agent's presence. Becoming Away or Offline starts the hold on their cases.</summary>
    public void SetPresence(Presence presence, DateTime? at = null, bool forDisconnect = false)
    {
        var wasUnavailable = IsUnavailable;
        var previous = Presence;
        Presence = presence;
        // Remember what the agent had chosen, so that coming back restores it.
        if (forDisconnect && presence == Presence.Away && !AwayForDisconnect) PresenceBeforeAway = wasUnavailable ? null : previous;
        else if (!forDisconnect) PresenceBeforeAway = null;
        AwayForDisconnect = forDisconnect && presence == Presence.Away;
        if (!IsUnavailable) UnavailableSince = null;
        else if (!wasUnavailable || UnavailableSince is null) UnavailableSince = at?.EnsureUtc(nameof(at));
    }
    public void MarkAssigned(DateTime at) => LastAssignedAt = at.EnsureUtc(nameof(at));
}
