namespace AgentConsole.Core.Schedules;

/// <summary>
/// Every rotation of the desk at once: who is on call at an instant (in any rotation) and when
/// that may next change. The routing engine holds one, marks the agents it names as on call for
/// step 4 of the decision tree, and sets a deadline at <see cref="NextChangeAfter"/>. Pure and immutable.
/// </summary>
public sealed class OnCallRoster
{
    /// <summary>A desk without rotations: no one is on call.</summary>
    public static OnCallRoster Empty { get; } = new([]);

    /// <summary>The roster of <paramref name="rotations"/>.</summary>
    public OnCallRoster(IEnumerable<OnCallRotation> rotations)
    {
        ArgumentNullException.ThrowIfNull(rotations);
        Calendars = [.. rotations.Select(r => new RotationCalendar(r))];
    }

    /// <summary>One calendar per rotation.</summary>
    public IReadOnlyList<RotationCalendar> Calendars { get; }

    /// <summary>The agents on call at <paramref name="utc"/> in any rotation.</summary>
    public IReadOnlySet<Guid> OnCallAt(DateTime utc)
    {
        var onCall = new HashSet<Guid>();
        foreach (var calendar in Calendars)
            if (calendar.OnCallAt(utc) is { } agent) onCall.Add(agent);
        return onCall;
    }

    /// <summary>The first instant after <paramref name="utc"/> at which any rotation may change hands; null without rotations.</summary>
    public DateTime? NextChangeAfter(DateTime utc)
    {
        DateTime? next = null;
        foreach (var calendar in Calendars)
        {
            var at = calendar.NextChangeAfter(utc);
            if (next is null || at < next) next = at;
        }
        return next;
    }
}
