using System.Collections.Frozen;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>
/// Turns the store's teams, agents, rosters and history into the simulator's input, with every random
/// draw from one seeded generator: the agents on duty per hour, the day's cases (replayed or drawn
/// from the forecast), their handle times (drawn from the stored ones of their team and category)
/// and their customers' patience (exponential with the configured mean). Pure over what it is given.
/// </summary>
internal sealed class SimulationSetup(Random random, StaffingOptions options)
{
    /// <summary>
    /// The simulated agents: in each hour, a team's first N agents are on duty where its roster schedules
    /// N (its stored agents in order, then copies of them, named "… (2)", when N is more than it has),
    /// plus the <paramref name="changes"/>. The agents the rotations put on call during the day (<paramref name="rotationOnCall"/>)
    /// are on call; <paramref name="onCall"/> (names) replaces them when given.
    /// </summary>
    public static List<SimulatedAgent> Agents(IReadOnlyList<Team> teams, IReadOnlyList<Agent> stored, IReadOnlyDictionary<Guid, int[]> rosters,
        IReadOnlyList<DateTime> hourStarts, IReadOnlyList<int> hoursOfWeek, IReadOnlyList<RosterChange> changes, IReadOnlyList<string>? onCall,
        IReadOnlySet<Guid>? rotationOnCall = null)
    {
        var onCallNames = onCall?.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        if (onCallNames is not null && onCallNames.FirstOrDefault(n => !stored.Any(a => string.Equals(a.DisplayName, n, StringComparison.OrdinalIgnoreCase))) is { } unknown)
            throw new DomainException($"No agent is named '{unknown}'.");
        var result = new List<SimulatedAgent>();
        foreach (var team in teams)
        {
            var templates = stored.Where(a => a.TeamId == team.Id).OrderBy(a => a.Tier).ThenBy(a => a.DisplayName, StringComparer.Ordinal).ThenBy(a => a.Id).ToList();
            var roster = rosters.GetValueOrDefault(team.Id);
            var counts = hoursOfWeek.Select(h => roster?[h] ?? 0).ToArray();
            if (counts.Any(c => c > 0) && templates.Count == 0)
                throw new DomainException($"The roster of {team.Name} schedules agents, but the team has none to simulate.");
            var most = counts.Length == 0 ? 0 : counts.Max();
            for (var i = 0; i < most; i++)
            {
                var template = templates[i % templates.Count];
                var copy = i / templates.Count;
                var snapshot = Snapshot(template, copy == 0 ? template.Id : Guid.CreateVersion7(), copy == 0 ? template.DisplayName : $"{template.DisplayName} ({copy + 1})",
                    copy == 0 && (onCallNames?.Contains(template.DisplayName) ?? rotationOnCall?.Contains(template.Id) ?? false));
                result.Add(new SimulatedAgent(snapshot, Shifts(hourStarts, h => counts[h] > i)));
            }
            foreach (var change in changes.Where(c => string.Equals(c.Team, team.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var template = templates.FirstOrDefault(a => a.Tier == change.Tier) ?? templates.FirstOrDefault()
                    ?? throw new DomainException($"{team.Name} has no agent whose skills the added agents could copy.");
                var anyone = counts.Any(c => c > 0);
                for (var n = 1; n <= change.Count; n++)
                    result.Add(new SimulatedAgent(Snapshot(template, Guid.CreateVersion7(), $"Added {change.Tier} {n} ({team.Name})", false) with { Tier = change.Tier },
                        Shifts(hourStarts, h => !anyone || counts[h] > 0)));
            }
        }
        if (changes.FirstOrDefault(c => !teams.Any(t => string.Equals(t.Name, c.Team, StringComparison.OrdinalIgnoreCase))) is { } missing)
            throw new Routing.Engine.RoutingNotFoundException($"No team is named '{missing.Team}'.");
        return result;
    }

    /// <summary>The stored day's cases, each with a drawn handle time and patience.</summary>
    public List<SimulatedCase> Replay(IEnumerable<PastCase> day, HandleTimes handles) =>
        [.. day.Select(c => Case(c.CaseId, c, c.OpenedAt, handles))];

    /// <summary>
    /// A forecast day: in each hour, a Poisson number of arrivals with the hour of the week's expected
    /// count (its arrivals over the weeks read, divided by the weeks) per team, at uniform instants in the
    /// hour, each like a past case of the team drawn from that hour of the week.
    /// </summary>
    public List<SimulatedCase> Forecast(IReadOnlyList<PastCase> history, Func<DateTime, int> hourOfWeek, double weeks,
        IReadOnlyList<DateTime> hourStarts, HandleTimes handles)
    {
        var byTeamAndHour = history.GroupBy(c => (c.TeamId, Hour: hourOfWeek(c.OpenedAt))).ToDictionary(g => g.Key, g => g.ToList());
        var teams = history.Select(c => c.TeamId).Distinct().Order().ToList();
        var cases = new List<SimulatedCase>();
        long id = 0;
        foreach (var start in hourStarts)
        {
            var hour = hourOfWeek(start);
            foreach (var team in teams)
            {
                if (!byTeamAndHour.TryGetValue((team, hour), out var like)) continue;
                var arrivals = Poisson(like.Count / weeks);
                var instants = Enumerable.Range(0, arrivals).Select(_ => start.AddTicks((long)(random.NextDouble() * TimeSpan.TicksPerHour))).Order().ToList();
                foreach (var at in instants) cases.Add(Case(++id, like[random.Next(like.Count)], at, handles));
            }
        }
        cases.Sort((a, b) => a.ArrivesAt.CompareTo(b.ArrivesAt));
        return cases;
    }

    private SimulatedCase Case(long id, PastCase like, DateTime at, HandleTimes handles)
    {
        var route = new CaseToRoute(id, like.Category, like.Skill, like.Tier, like.Priority, at);
        var patience = TimeSpan.FromSeconds(-options.PatienceSeconds * Math.Log(1 - random.NextDouble()));
        return new SimulatedCase(route, like.TeamId, at, handles.Draw(like.TeamId, like.Category, random), patience);
    }

    // Knuth's method for small means; a normal approximation beyond, where e^-λ underflows precision.
    private int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static AgentSnapshot Snapshot(Agent agent, Guid id, string name, bool onCall) =>
        AgentSnapshot.From(agent, 0) with { Id = id, Name = name, OnCall = onCall, Presence = Presence.Offline, LastAssignedAt = null };

    // Contiguous stretches of the hours where the agent is on duty.
    private static List<Shift> Shifts(IReadOnlyList<DateTime> hourStarts, Func<int, bool> onDuty)
    {
        var shifts = new List<Shift>();
        DateTime? start = null;
        for (var h = 0; h <= hourStarts.Count; h++)
        {
            var on = h < hourStarts.Count && onDuty(h);
            if (on && start is null) start = hourStarts[h];
            if (on || start is not { } from) continue;
            shifts.Add(new Shift(from, h < hourStarts.Count ? hourStarts[h] : hourStarts[^1].AddHours(1)));
            start = null;
        }
        return shifts;
    }
}

/// <summary>
/// The stored handle times the simulator draws from: a case's team and category first, else its team's,
/// else every team's, else the configured default.
/// </summary>
internal sealed class HandleTimes
{
    private readonly Dictionary<(Guid, Triggers.IssueCategory), List<TimeSpan>> _byCategory;
    private readonly Dictionary<Guid, List<TimeSpan>> _byTeam;
    private readonly List<TimeSpan> _all;
    private readonly TimeSpan _default;

    public HandleTimes(IEnumerable<PastCase> history, TimeSpan fallback)
    {
        var handled = history.Where(c => c.Handle is not null).ToList();
        _byCategory = handled.GroupBy(c => (c.TeamId, c.Category)).ToDictionary(g => g.Key, g => g.Select(c => c.Handle!.Value).ToList());
        _byTeam = handled.GroupBy(c => c.TeamId).ToDictionary(g => g.Key, g => g.Select(c => c.Handle!.Value).ToList());
        _all = [.. handled.Select(c => c.Handle!.Value)];
        _default = fallback;
    }

    public TimeSpan Draw(Guid team, Triggers.IssueCategory category, Random random)
    {
        var pool = _byCategory.GetValueOrDefault((team, category)) ?? _byTeam.GetValueOrDefault(team) ?? _all;
        return pool.Count == 0 ? _default : pool[random.Next(pool.Count)];
    }
}
