namespace AgentConsole.Core.Schedules;

/// <summary>
/// Who is on call for one rotation at a given instant, computed from its definition and the time,
/// never stored. Shift <c>n</c> starts on the local date <c>StartDate + n × ShiftDays</c> at the
/// hand-over time in the rotation's zone (see <see cref="ZonedTime"/> for the nights the clocks
/// change) and goes to member <c>n mod count</c>. A swap puts its cover in the member's place; a
/// holiday passes the shift to the next member in order who is not away. Pure and immutable.
/// </summary>
public sealed class RotationCalendar
{
    // Enough change points to find the next different agent for any sane rotation (members × overrides).
    private const int MaxSteps = 512;

    private readonly OnCallRotation _rotation;
    private readonly TimeZoneInfo _zone;

    /// <summary>The calendar of <paramref name="rotation"/>.</summary>
    public RotationCalendar(OnCallRotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        _rotation = rotation;
        _zone = ZonedTime.Zone(rotation.TimeZone);
    }

    /// <summary>The rotation this calendar computes.</summary>
    public OnCallRotation Rotation => _rotation;

    /// <summary>When shift <paramref name="index"/> starts (UTC).</summary>
    public DateTime ShiftStart(long index) =>
        ZonedTime.ToUtc(_rotation.StartDate.AddDays(checked((int)(index * _rotation.ShiftDays))), _rotation.HandOver, _zone);

    /// <summary>The index of the shift running at <paramref name="utc"/>; negative before the first shift.</summary>
    public long ShiftIndex(DateTime utc)
    {
        var local = ZonedTime.ToLocal(utc, _zone);
        var days = DateOnly.FromDateTime(local).DayNumber - _rotation.StartDate.DayNumber;
        if (TimeOnly.FromDateTime(local) < _rotation.HandOver) days--;
        var index = (long)Math.Floor(days / (double)_rotation.ShiftDays);
        // The wall-clock estimate can be one off on the night the clocks change: settle it on instants.
        if (utc < ShiftStart(index)) index--;
        else if (utc >= ShiftStart(index + 1)) index++;
        return index;
    }

    /// <summary>The member the plain order puts on call at <paramref name="utc"/>, before overrides; null before the first shift.</summary>
    public Guid? ScheduledAt(DateTime utc)
    {
        var index = ShiftIndex(utc);
        return index < 0 ? null : _rotation.Members[(int)(index % _rotation.Members.Count)];
    }

    /// <summary>Who is on call at <paramref name="utc"/>, overrides applied; null before the first shift or when every member is away.</summary>
    public Guid? OnCallAt(DateTime utc)
    {
        var index = ShiftIndex(utc);
        if (index < 0) return null;
        var members = _rotation.Members;
        var start = (int)(index % members.Count);
        // A holiday passes the shift on to the next member in order who is not away.
        for (var step = 0; step < members.Count; step++)
        {
            var member = members[(start + step) % members.Count];
            if (IsAway(member, utc)) continue;
            var swap = _rotation.Overrides.FirstOrDefault(o => o.Kind == OverrideKind.Swap && o.AgentId == member && o.Covers(utc));
            return swap?.CoverAgentId ?? member;
        }
        return null;
    }

    /// <summary>The first instant after <paramref name="utc"/> at which who is on call may change: a hand-over or an override's start or end.</summary>
    public DateTime NextChangeAfter(DateTime utc)
    {
        var index = Math.Max(ShiftIndex(utc), -1);
        var next = ShiftStart(index + 1);
        foreach (var o in _rotation.Overrides)
        {
            if (o.From > utc && o.From < next) next = o.From;
            if (o.To > utc && o.To < next) next = o.To;
        }
        return next;
    }

    /// <summary>The shift running at <paramref name="utc"/>: who, since the last hand-over or override boundary, and until the next agent takes over.</summary>
    public OnCallShift Current(DateTime utc)
    {
        var agent = OnCallAt(utc);
        return new OnCallShift(_rotation.Id, agent, Since(utc), Until(agent, utc));
    }

    /// <summary>The shift after the one running at <paramref name="utc"/>: the next agent to take over, from the hand-over.</summary>
    public OnCallShift Next(DateTime utc)
    {
        var from = Until(OnCallAt(utc), utc);
        var agent = OnCallAt(from);
        return new OnCallShift(_rotation.Id, agent, from, Until(agent, from));
    }

    private DateTime Until(Guid? agent, DateTime utc)
    {
        var at = utc;
        for (var i = 0; i < MaxSteps; i++)
        {
            at = NextChangeAfter(at);
            if (OnCallAt(at) != agent) return at;
        }
        return at;
    }

    // The last hand-over or override boundary at or before the instant.
    private DateTime Since(DateTime utc)
    {
        var index = ShiftIndex(utc);
        var since = index < 0 ? utc : ShiftStart(index);
        foreach (var o in _rotation.Overrides)
        {
            if (o.From <= utc && o.From > since) since = o.From;
            if (o.To <= utc && o.To > since) since = o.To;
        }
        return since;
    }

    private bool IsAway(Guid member, DateTime utc)
    {
        foreach (var o in _rotation.Overrides)
            if (o.Kind == OverrideKind.Holiday && o.AgentId == member && o.Covers(utc)) return true;
        return false;
    }
}
