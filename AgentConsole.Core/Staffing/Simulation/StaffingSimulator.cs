using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Policy;

namespace AgentConsole.Core.Staffing.Simulation;

/// <summary>
/// A discrete-event simulation of a day at the desk, driven through the production routing policy
/// (<see cref="RoutingPolicy"/>, <see cref="AgentIndex"/>, <see cref="CaseQueue"/>, and through them
/// <see cref="AgentSelector"/>, <see cref="CapacityLimiter"/> and the eligibility and team filters)
/// with its own clock: the policy takes the instant as an argument, so the simulated time is simply
/// passed in. The loop does what the routing engine does with the policy's answers:
/// <list type="bullet">
/// <item>an arriving case is routed among the agents on duty (<see cref="RoutingPolicy.Route(CaseToRoute, AgentIndex, DateTime)"/>) and
/// taken at once if the policy picks someone (an offer is accepted at once), else it waits in the queue;</item>
/// <item>an agent who finishes a case, or comes on duty, is handed the waiting cases the tree would give them, in queue order
/// (<see cref="CaseQueue.NextFor"/>, then <see cref="RoutingPolicy.RouteTo"/>), as the engine's placement does;</item>
/// <item>a waiting customer gives up when their patience runs out; an agent going off duty finishes what they hold.</item>
/// </list>
/// At one instant, shift starts come first, then shift ends (an agent whose shift ends as a case does takes no new one),
/// completions, abandonments (an agent freed at the instant a customer gives up still answers them) and arrivals.
/// Deterministic: every random draw (arrivals, handle times, patience) is in the input.
/// </summary>
public sealed class StaffingSimulator(RoutingPolicy policy)
{
    private enum Kind { ShiftStart, ShiftEnd, Completion, Abandon, Arrival }

    /// <summary>
    /// Runs the day: <paramref name="cases"/> against <paramref name="agents"/>, counting the hours from <paramref name="dayStart"/>.
    /// The result is the whole desk's, with <see cref="SimulationResult.ByTeam"/> each team's: its cases (by <see cref="SimulatedCase.TeamId"/>,
    /// whoever answered them) and its agents' occupancy.
    /// </summary>
    public SimulationResult Run(IReadOnlyList<SimulatedAgent> agents, IReadOnlyList<SimulatedCase> cases, DateTime dayStart, TimeSpan answerTarget, int hours = 24)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(cases);
        var run = new DayRun(policy, agents, cases, dayStart, answerTarget, hours);
        return run.Execute();
    }

    private sealed class DayRun
    {
        private readonly RoutingPolicy _policy;
        private readonly IReadOnlyList<SimulatedCase> _cases;
        private readonly DateTime _dayStart;
        private readonly TimeSpan _target;
        private readonly int _hourCount;
        private readonly AgentIndex _index = new();
        private readonly CaseQueue _queue;
        private readonly PriorityQueue<(Kind Kind, int Subject), (DateTime At, Kind Kind, long Sequence)> _events = new();
        private readonly AgentState[] _agents;
        private readonly Dictionary<Guid, int> _agentById = [];
        private readonly Dictionary<long, int> _caseById = [];
        private readonly TimeSpan?[] _waits;
        private readonly bool[] _abandoned;
        // Case-slot seconds held and on duty, per team (of the agent) and hour.
        private readonly double[][] _loadSeconds, _slotSeconds;
        private readonly IReadOnlyList<SimulatedAgent> _input;
        // The teams of the agents and the cases, in order of first appearance; each case's team.
        private readonly List<Guid> _teams = [];
        private readonly Dictionary<Guid, int> _teamSlot = [];
        private readonly int[] _caseTeam;
        private long _sequence;

        public DayRun(RoutingPolicy policy, IReadOnlyList<SimulatedAgent> agents, IReadOnlyList<SimulatedCase> cases, DateTime dayStart, TimeSpan target, int hours)
        {
            _policy = policy;
            _queue = new CaseQueue(policy);
            _cases = cases;
            _dayStart = dayStart;
            _target = target;
            _hourCount = hours;
            _waits = new TimeSpan?[cases.Count];
            _abandoned = new bool[cases.Count];
            _input = agents;
            _agents = new AgentState[agents.Count];
            _caseTeam = new int[cases.Count];
            for (var i = 0; i < agents.Count; i++)
            {
                var agent = agents[i].Agent with { Load = 0, Presence = Presence.Offline };
                _agents[i] = new AgentState(agent) { Team = TeamSlot(agent.TeamId) };
                _agentById.Add(agent.Id, i);
                _index.Upsert(agent);
                foreach (var shift in agents[i].Shifts)
                {
                    if (shift.End <= shift.Start) continue;
                    Schedule(shift.Start, Kind.ShiftStart, i);
                    Schedule(shift.End, Kind.ShiftEnd, i);
                }
            }
            for (var i = 0; i < cases.Count; i++)
            {
                _caseById.Add(cases[i].Route.CaseId, i);
                _caseTeam[i] = TeamSlot(cases[i].TeamId);
                Schedule(cases[i].ArrivesAt, Kind.Arrival, i);
            }
            _loadSeconds = [.. _teams.Select(_ => new double[hours])];
            _slotSeconds = [.. _teams.Select(_ => new double[hours])];
        }

        private int TeamSlot(Guid team)
        {
            if (_teamSlot.TryGetValue(team, out var slot)) return slot;
            _teamSlot.Add(team, _teams.Count);
            _teams.Add(team);
            return _teams.Count - 1;
        }

        public SimulationResult Execute()
        {
            var processed = 0;
            while (_events.TryDequeue(out var e, out var key))
            {
                processed++;
                var now = key.At;
                switch (e.Kind)
                {
                    case Kind.Arrival: Arrive(e.Subject, now); break;
                    case Kind.Completion: Complete(e.Subject, now); break;
                    case Kind.Abandon: Abandon(e.Subject); break;
                    case Kind.ShiftStart: StartShift(e.Subject, now); break;
                    case Kind.ShiftEnd: EndShift(e.Subject, now); break;
                }
            }
            return Results(processed);
        }

        private void Schedule(DateTime at, Kind kind, int subject) => _events.Enqueue((kind, subject), (at, kind, _sequence++));

        private void Arrive(int c, DateTime now)
        {
            var route = _cases[c].Route with { QueuedAt = now };
            var decision = _policy.Route(route, _index, now);
            if (decision.Outcome == RoutingOutcome.Offer)
            {
                Assign(_agentById[decision.Agent!.Id], c, now);
                return;
            }
            _queue.Enqueue(route);
            Schedule(now + _cases[c].Patience, Kind.Abandon, c);
        }

        private void Abandon(int c)
        {
            if (_queue.Remove(_cases[c].Route.CaseId)) _abandoned[c] = true;
        }

        private void Complete(int a, DateTime now)
        {
            var state = _agents[a];
            Change(state, now, state.Agent with { Load = state.Agent.Load - 1 });
            Fill(a, now);
        }

        private void StartShift(int a, DateTime now)
        {
            var state = _agents[a];
            // Overlapping shifts: count the agent on duty once.
            if (state.Shifts++ > 0) return;
            Change(state, now, state.Agent with { Presence = Presence.Available });
            Fill(a, now);
        }

        private void EndShift(int a, DateTime now)
        {
            var state = _agents[a];
            if (--state.Shifts > 0) return;
            Change(state, now, state.Agent with { Presence = Presence.Offline });
        }

        // The engine's placement: hand a freed agent the first waiting cases the tree would give them.
        private void Fill(int a, DateTime now)
        {
            while (_agents[a].Agent is { HasSpareCapacity: true, Presence: Presence.Available } agent)
            {
                if (_queue.NextFor(agent, now) is not { } next) return;
                if (_policy.RouteTo(next, agent, now).Outcome == RoutingOutcome.Queue) return;
                _queue.Remove(next.CaseId);
                Assign(a, _caseById[next.CaseId], now);
            }
        }

        private void Assign(int a, int c, DateTime now)
        {
            var state = _agents[a];
            Change(state, now, state.Agent with { Load = state.Agent.Load + 1, LastAssignedAt = now });
            _waits[c] = now - _cases[c].ArrivesAt;
            Schedule(now + _cases[c].Handle, Kind.Completion, a);
        }

        // Counts the agent's held cases and slots on duty up to now, then applies the change.
        private void Change(AgentState state, DateTime now, AgentSnapshot next)
        {
            if (state.Agent.Presence == Presence.Available)
            {
                Spread(state.Since, now, state.Agent.Load, _loadSeconds[state.Team]);
                Spread(state.Since, now, state.Agent.Capacity, _slotSeconds[state.Team]);
            }
            state.Since = now;
            state.Agent = next;
            _index.Upsert(next);
        }

        // Adds weight × seconds of [from, to) to the hours it covers.
        private void Spread(DateTime from, DateTime to, int weight, double[] into)
        {
            if (weight == 0 || to <= from) return;
            var hour = Math.Max(0, HourOf(from));
            for (; hour < _hourCount; hour++)
            {
                var start = _dayStart.AddHours(hour);
                var end = start.AddHours(1);
                if (start >= to) break;
                var overlap = (Min(end, to) - Max(start, from)).TotalSeconds;
                if (overlap > 0) into[hour] += weight * overlap;
            }
        }

        private int HourOf(DateTime at) => (int)Math.Floor((at - _dayStart).TotalHours);

        private SimulationResult Results(int processed)
        {
            // Agents still on duty at the end of the horizon: count them up to it.
            var end = _dayStart.AddHours(_hourCount);
            foreach (var state in _agents)
                if (state.Agent.Presence == Presence.Available && state.Since < end) Change(state, end, state.Agent);
            var byTeam = new Dictionary<Guid, SimulationResult>(_teams.Count);
            for (var t = 0; t < _teams.Count; t++) byTeam[_teams[t]] = Summarise(t, processed);
            return Summarise(null, processed) with { ByTeam = byTeam };
        }

        // The figures of one team's cases and agents, or of the whole desk's (team null).
        private SimulationResult Summarise(int? team, int processed)
        {
            // The agents on duty at some time in each hour.
            var onDuty = new int[_hourCount];
            for (var a = 0; a < _input.Count; a++)
            {
                if (team is { } only && _agents[a].Team != only) continue;
                for (var h = 0; h < _hourCount; h++)
                {
                    var (start, stop) = (_dayStart.AddHours(h), _dayStart.AddHours(h + 1));
                    if (_input[a].Shifts.Any(s => s.Start < stop && s.End > start)) onDuty[h]++;
                }
            }
            var loadSeconds = new double[_hourCount];
            var slotSeconds = new double[_hourCount];
            for (var t = 0; t < _teams.Count; t++)
            {
                if (team is { } only && t != only) continue;
                for (var h = 0; h < _hourCount; h++)
                {
                    loadSeconds[h] += _loadSeconds[t][h];
                    slotSeconds[h] += _slotSeconds[t][h];
                }
            }
            var hours = new List<SimulationHour>(_hourCount);
            var byHour = new List<TimeSpan>[_hourCount];
            var arrivals = new int[_hourCount];
            var answered = new int[_hourCount];
            var abandoned = new int[_hourCount];
            var within = new int[_hourCount];
            for (var h = 0; h < _hourCount; h++) byHour[h] = [];
            var waits = new List<TimeSpan>(_cases.Count);
            var waitByCase = new Dictionary<long, TimeSpan>(_cases.Count);
            var (count, abandonedTotal, withinTotal) = (0, 0, 0);
            for (var c = 0; c < _cases.Count; c++)
            {
                if (team is { } only && _caseTeam[c] != only) continue;
                count++;
                var h = Math.Clamp(HourOf(_cases[c].ArrivesAt), 0, _hourCount - 1);
                arrivals[h]++;
                if (_abandoned[c]) { abandoned[h]++; abandonedTotal++; }
                if (_waits[c] is not { } wait) continue;
                answered[h]++;
                byHour[h].Add(wait);
                waits.Add(wait);
                waitByCase[_cases[c].Route.CaseId] = wait;
                if (wait <= _target) { within[h]++; withinTotal++; }
            }
            for (var h = 0; h < _hourCount; h++)
                hours.Add(new SimulationHour(_dayStart.AddHours(h), arrivals[h], answered[h], abandoned[h], DurationStats.Of(byHour[h]), within[h],
                    onDuty[h], slotSeconds[h] > 0 ? loadSeconds[h] / slotSeconds[h] : null));
            var slots = slotSeconds.Sum();
            return new SimulationResult(count, waits.Count, abandonedTotal, DurationStats.Of(waits), withinTotal,
                slots > 0 ? loadSeconds.Sum() / slots : null, hours, waitByCase, processed);
        }

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    }

    private sealed class AgentState(AgentSnapshot agent)
    {
        public AgentSnapshot Agent { get; set; } = agent;
        public DateTime Since { get; set; }
        public int Shifts { get; set; }
        public int Team { get; init; }
    }
}
