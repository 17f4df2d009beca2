namespace AgentConsole.Core.Staffing;

/// <summary>Which roster a row belongs to: the one a lead edits and tries, or the one the desk works to.</summary>
public enum RosterVersion
{
    /// <summary>The lead's working copy: edited, simulated, then published.</summary>
    Draft,
    /// <summary>The roster in force, copied from the draft at publication.</summary>
    Published,
}

/// <summary>
/// One cell of a team's roster: how many agents are scheduled in one hour of the week
/// (<see cref="WeekHours"/>), in the draft or the published version. A team with no rows has nobody scheduled.
/// </summary>
public sealed class RosterHour
{
    /// <summary>The most agents one team may schedule in an hour.</summary>
    public const int MaxAgents = 1000;

    private RosterHour() { }

    internal RosterHour(Guid teamId, RosterVersion version, int hourOfWeek, int agents)
    {
        TeamId = teamId;
        Version = version;
        HourOfWeek = hourOfWeek;
        SetAgents(agents);
    }

    /// <summary>The team.</summary>
    public Guid TeamId { get; private set; }

    /// <summary>Draft or published.</summary>
    public RosterVersion Version { get; private set; }

    /// <summary>The hour of the week, 0 (Monday 00:00) to 167 (Sunday 23:00) in the desk's time zone.</summary>
    public int HourOfWeek { get; private set; }

    /// <summary>The agents scheduled, 0 to <see cref="MaxAgents"/>.</summary>
    public int Agents { get; private set; }

    internal void SetAgents(int agents)
    {
        if (agents is < 0 or > MaxAgents) throw new Common.DomainException($"Scheduled agents must be between 0 and {MaxAgents}.");
        Agents = agents;
    }
}
