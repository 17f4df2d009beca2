using System.Collections.Concurrent;
using System.Diagnostics;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// Many threads hammer one engine with random accepts, declines, reassignments, presence and
/// connection changes, replies, resolves, transfers and new escalations while the clock moves.
/// The run is random but seeded: a failure names the seed, and <c>ROUTING_RACE_SEED</c> replays it.
/// </summary>
public sealed class RoutingRaceTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20260314;
    private const int Workers = 8;
    private const int Phases = 4;
    private const int OperationsPerWorkerPerPhase = 100;
    private const int OperationsPerAdvance = 40;

    [Fact]
    public async Task ThousandsOfConcurrentRandomOperationsKeepEveryRoutingInvariant()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ROUTING_RACE_SEED"), out var chosen) ? chosen : DefaultSeed;
        output.WriteLine($"Seed {seed} (replay with ROUTING_RACE_SEED={seed})");
        try
        {
            await RunAsync(seed);
        }
        catch (Exception e)
        {
            throw new XunitException($"Routing race with seed {seed} failed (replay with ROUTING_RACE_SEED={seed}):{Environment.NewLine}{e}");
        }
    }

    private async Task RunAsync(int seed)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync(o =>
        {
            // Short deadlines so that the few minutes the clock moves fire every kind of timer.
            o.OfferTimeoutSeconds = 10;
            o.PresenceGraceSeconds = 15;
            o.HoldMinutes = 1;
            o.FirstReplyMinutes = 2;
            o.UrgentFirstReplyMinutes = 1;
        });
        var race = await RaceWorld.ArrangeAsync(h, new Random(seed));
        var clock = Stopwatch.StartNew();

        // Act
        var arranged = race.Operations;
        for (var phase = 0; phase < Phases; phase++)
        {
            var until = race.Operations + Workers * OperationsPerWorkerPerPhase;
            var workers = Enumerable.Range(0, Workers)
                .Select(worker => Task.Run(() => race.WorkAsync(new Random(HashCode.Combine(seed, phase, worker)), until, advancesClock: worker == 0)))
                .ToArray();
            await Task.WhenAll(workers);
            await h.Engine.FlushAsync();
            race.AssertNoUnexpectedFailures();
            await h.AssertInvariantsAsync();
            output.WriteLine($"Checkpoint {phase + 1}/{Phases}: {race.Operations - arranged} concurrent operations, {clock.Elapsed.TotalSeconds:F1} s, clock +{h.Now - EngineHarness.Start}");
        }

        // Assert
        await h.AssertInvariantsAsync();
        race.AssertNoUnexpectedFailures();
        race.AssertLoadsMatchedHoldersAfterEveryCommand();
        var log = await race.ReplayCaseLogsAsync();
        race.AssertEveryDoubleAcceptHadOneWinner(log);
        Assert.Equal(race.SuccessfulAccepts, log.AgentAccepts);
        Assert.True(race.Operations - arranged >= 3_000, $"Only {race.Operations - arranged} concurrent operations ran.");
        Assert.True(race.DoubleAcceptsWithAWinner >= 10, $"Only {race.DoubleAcceptsWithAWinner} double accepts found the offer pending.");
        Assert.True(race.Count("accept", nameof(OfferNotPendingException)) > 0, "No accept raced a change of the offer.");
        Assert.True(new[] { CaseEventType.TimedOut, CaseEventType.Reclaimed, CaseEventType.HoldExpired }.Sum(log.Types.GetValueOrDefault) > 0, "No deadline fired.");

        output.WriteLine($"{race.Operations - arranged} concurrent operations (after {arranged} to arrange) in {clock.Elapsed.TotalSeconds:F1} s; clock moved {h.Now - EngineHarness.Start}.");
        output.WriteLine($"Double accepts: {race.DoubleAccepts} pairs, {race.DoubleAcceptsWithAWinner} with one winner, the rest found the offer already ended.");
        foreach (var (outcome, count) in race.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"  {outcome}: {count}");
        foreach (var (type, count) in log.Types.OrderBy(t => t.Key)) output.WriteLine($"  stored {type}: {count}");
    }

    private sealed record AgentInfo(Agent Agent, int Team, RoutingActor Actor);

    private sealed record Offer(long CaseId, Guid AgentId, DateTime ExpiresAt);

    private sealed record DoubleAccept(Offer Offer, int Successes, string Failures);

    /// <summary>What replaying the stored case logs found.</summary>
    private sealed record CaseLog(IReadOnlyDictionary<long, List<CaseEvent>> ByCase, IReadOnlyDictionary<CaseEventType, int> Types, int AgentAccepts);

    /// <summary>
    /// Three teams of agents with mixed skills, tiers and capacities (the third team auto-assigns),
    /// the random operations the workers run, and what they saw: outcomes, offers, double accepts,
    /// and a check of every published load against the holders the events describe.
    /// </summary>
    private sealed class RaceWorld
    {
        private static readonly Skill[][] TeamSkills =
        [
            [Skill.Billing, Skill.Retention, Skill.AccountManagement],
            [Skill.Technical, Skill.Integration, Skill.Security],
            [Skill.AccountManagement, Skill.ProductTraining, Skill.Billing],
        ];
        private static readonly Skill[] CaseSkills = [.. TeamSkills.SelectMany(s => s).Distinct()];

        private readonly EngineHarness _h;
        private readonly List<AgentInfo> _agents = [];
        private readonly List<AgentInfo> _leads = [];
        private readonly List<Team> _teams = [];
        private readonly ConcurrentDictionary<long, Offer> _offers = new();
        private readonly ConcurrentDictionary<long, Guid> _assigned = new();
        private readonly ConcurrentDictionary<long, byte> _open = new();
        // An offer is answered either by single accepts and declines (count > 0) or by one double accept (-1), never both.
        private readonly ConcurrentDictionary<Offer, int> _claims = new();
        private readonly ConcurrentBag<DoubleAccept> _doubleAccepts = [];
        private readonly ConcurrentQueue<string> _unexpected = new();
        private readonly ConcurrentDictionary<string, int> _outcomes = new();
        // Only the engine's loop touches these (subscribers run on it, one event at a time).
        private readonly Dictionary<long, (Guid Agent, bool Override)> _holders = [];
        private readonly List<string> _loadMismatches = [];
        private int _operations;
        private int _successfulAccepts;
        private int _nextAdvanceAt;

        private RaceWorld(EngineHarness h) => _h = h;

        public int Operations => Volatile.Read(ref _operations);
        public int SuccessfulAccepts => Volatile.Read(ref _successfulAccepts);
        public int DoubleAccepts => _doubleAccepts.Count;
        public int DoubleAcceptsWithAWinner => _doubleAccepts.Count(d => d.Successes == 1);
        public IReadOnlyDictionary<string, int> Outcomes => _outcomes;
        public int Count(string operation, string outcome) => _outcomes.GetValueOrDefault($"{operation}: {outcome}");

        public static async Task<RaceWorld> ArrangeAsync(EngineHarness h, Random rng)
        {
            var world = new RaceWorld(h);
            string[] names = ["Billing", "Technical", "Success"];
            for (var t = 0; t < names.Length; t++) world._teams.Add(await h.TeamAsync(names[t], autoAssign: t == 2));
            var perTeam = rng.Next(8, 12);
            for (var t = 0; t < world._teams.Count; t++)
            {
                for (var i = 0; i < perTeam; i++)
                {
                    var lead = i == 0;
                    var tier = lead ? AgentTier.Senior
                        : t == 1 && i == 1 ? AgentTier.Engineering
                        : Pick(rng, (AgentTier.Frontline, 40), (AgentTier.Specialist, 40), (AgentTier.Senior, 15), (AgentTier.Engineering, 5));
                    var skills = TeamSkills[t].OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).Select(s => (s, rng.Next(1, 6))).ToArray();
                    var presence = rng.Next(100) < 80 ? Presence.Available : Presence.Busy;
                    var agent = await h.AgentAsync($"{names[t]} {i}", world._teams[t], tier, capacity: rng.Next(1, 5), presence, onCall: rng.Next(100) < 15, skills);
                    var info = new AgentInfo(agent, t, lead ? EngineHarness.AsLead(agent) : EngineHarness.As(agent));
                    world._agents.Add(info);
                    if (lead)
                    {
                        world._leads.Add(info);
                        await h.SetLeadAsync(world._teams[t], agent);
                    }
                }
            }
            h.Notifier.Subscribe(world.Observe);
            await h.StartAsync();
            foreach (var agent in world._agents) await h.Engine.ConnectionOpenedAsync(agent.Agent.Id);
            for (var i = 0; i < 40; i++) await world.OpenAsync(rng);
            await h.AssertInvariantsAsync();
            return world;
        }

        /// <summary>Runs random operations until the workers together have made <paramref name="until"/> engine calls.</summary>
        public async Task WorkAsync(Random rng, int until, bool advancesClock)
        {
            while (Operations < until)
            {
                // One worker moves the clock every so many operations, whatever its share of them.
                if (advancesClock && Operations >= _nextAdvanceAt)
                {
                    _nextAdvanceAt = Operations + OperationsPerAdvance;
                    await AdvanceAsync(rng);
                    continue;
                }
                var roll = rng.Next(100);
                var work = roll switch
                {
                    < 12 => OpenAsync(rng),
                    < 30 => AnswerAsync(rng, accept: true),
                    < 37 => AnswerAsync(rng, accept: false),
                    < 43 => DoubleAcceptAsync(rng),
                    < 53 => ReassignAsync(rng),
                    < 61 => PresenceAsync(rng),
                    < 68 => ConnectionAsync(rng),
                    < 78 => ReplyAsync(rng),
                    < 88 => ResolveAsync(rng),
                    < 92 => TransferAsync(rng),
                    < 96 => AcceptFromSnapshotAsync(rng),
                    _ => AnswerAsync(rng, accept: true),
                };
                await work;
            }
        }

        // ----- Operations -----

        public async Task OpenAsync(Random rng)
        {
            var skill = CaseSkills[rng.Next(CaseSkills.Length)];
            var category = (IssueCategory)rng.Next(Enum.GetValues<IssueCategory>().Length);
            var tier = Pick(rng, (AgentTier.Frontline, 30), (AgentTier.Specialist, 50), (AgentTier.Senior, 15), (AgentTier.Engineering, 5));
            var priority = Pick(rng, (CasePriority.Low, 20), (CasePriority.Normal, 50), (CasePriority.High, 20), (CasePriority.Urgent, 10));
            await RunAsync("open", async () =>
            {
                var id = await _h.OpenCaseAsync(category, skill, tier, priority);
                _open.TryAdd(id, 0);
            });
        }

        private async Task AnswerAsync(Random rng, bool accept)
        {
            if (PickOffer(rng) is not { } offer || !ClaimForSingle(offer)) return;
            // Now and then a random agent answers, nearly always not the one offered, and is refused.
            var agent = rng.Next(100) < 5 ? RandomAgent(rng) : AgentOf(offer.AgentId);
            if (accept) await RunAsync("accept", async () => { await _h.Engine.AcceptOfferAsync(offer.CaseId, agent.Actor); Interlocked.Increment(ref _successfulAccepts); }, typeof(OfferNotPendingException));
            else await RunAsync("decline", () => _h.Engine.DeclineOfferAsync(offer.CaseId, "Out of my depth", agent.Actor), typeof(OfferNotPendingException));
        }

        private async Task AcceptFromSnapshotAsync(Random rng)
        {
            var snapshot = await _h.Engine.SnapshotAsync();
            Interlocked.Increment(ref _operations);
            var offered = snapshot.Cases.Where(c => c.Status == CaseStatus.Offered).ToList();
            if (offered.Count == 0) return;
            var pick = offered[rng.Next(offered.Count)];
            var offer = new Offer(pick.Id, pick.Holder!.Value, pick.OfferExpiresAt!.Value);
            if (!ClaimForSingle(offer)) return;
            await RunAsync("accept", async () => { await _h.Engine.AcceptOfferAsync(offer.CaseId, AgentOf(offer.AgentId).Actor); Interlocked.Increment(ref _successfulAccepts); },
                typeof(OfferNotPendingException));
        }

        private async Task DoubleAcceptAsync(Random rng)
        {
            if (PickOffer(rng) is not { } offer || !_claims.TryAdd(offer, -1)) return;
            var actor = AgentOf(offer.AgentId).Actor;
            var first = Task.Run(() => _h.Engine.AcceptOfferAsync(offer.CaseId, actor));
            var second = Task.Run(() => _h.Engine.AcceptOfferAsync(offer.CaseId, actor));
            await ((Task)Task.WhenAll(first, second)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Interlocked.Add(ref _operations, 2);
            var successes = 0;
            var failures = new List<string>();
            foreach (var attempt in new[] { first, second })
            {
                if (attempt.IsCompletedSuccessfully) successes++;
                else if (attempt.Exception?.InnerException is OfferNotPendingException) failures.Add(nameof(OfferNotPendingException));
                else Unexpected("double accept", attempt.Exception?.InnerException ?? new TaskCanceledException());
            }
            Interlocked.Add(ref _successfulAccepts, successes);
            Tally("double accept", $"{successes} of 2 succeeded");
            _doubleAccepts.Add(new DoubleAccept(offer, successes, string.Join(", ", failures)));
        }

        private async Task ReassignAsync(Random rng)
        {
            if (RandomKey(rng, _open.Keys) is not { } caseId) return;
            var holder = _assigned.TryGetValue(caseId, out var assignee) ? assignee : _offers.TryGetValue(caseId, out var offer) ? offer.AgentId : (Guid?)null;
            // Mostly the lead of the holder's team; sometimes another lead (refused) or a supervisor.
            var who = rng.Next(100);
            var lead = holder is { } held && who < 70 ? _leads[AgentOf(held).Team] : _leads[rng.Next(_leads.Count)];
            var supervisor = who >= 92;
            var actor = supervisor ? RoutingActor.ForSupervisor() : lead.Actor;
            Guid? target = null;
            if (rng.Next(100) >= 25)
            {
                var candidates = supervisor ? _agents : _agents.Where(a => a.Team == lead.Team).ToList();
                target = candidates[rng.Next(candidates.Count)].Agent.Id;
            }
            var overrideCapacity = rng.Next(100) < 40;
            await RunAsync(overrideCapacity ? "reassign (override)" : "reassign",
                () => _h.Engine.ReassignAsync(caseId, target, NoteFor(target), overrideCapacity, actor),
                typeof(CapacityExceededException), typeof(RoutingForbiddenException), typeof(RoutingNotFoundException), typeof(DomainException));
        }

        private async Task PresenceAsync(Random rng)
        {
            var agent = RandomAgent(rng);
            var presence = Pick(rng, (Presence.Available, 50), (Presence.Busy, 15), (Presence.Away, 15), (Presence.InMeeting, 10), (Presence.Offline, 10));
            var actor = rng.Next(100) < 70 ? agent.Actor : _leads[agent.Team].Actor;
            await RunAsync("presence", () => _h.Engine.SetPresenceAsync(agent.Agent.Id, presence, actor));
        }

        private async Task ConnectionAsync(Random rng)
        {
            var agent = RandomAgent(rng);
            if (rng.Next(100) < 60) await RunAsync("connection opened", () => _h.Engine.ConnectionOpenedAsync(agent.Agent.Id));
            else await RunAsync("connection closed", () => _h.Engine.ConnectionClosedAsync(agent.Agent.Id));
        }

        private async Task ReplyAsync(Random rng)
        {
            if (RandomKey(rng, _assigned.Keys) is not { } caseId || !_assigned.TryGetValue(caseId, out var holder)) return;
            await RunAsync("reply", () => _h.Engine.ReplyAsync(caseId, "Thanks for waiting, I am on it.", AgentOf(holder).Actor),
                typeof(RoutingForbiddenException), typeof(RoutingNotFoundException));
        }

        private async Task ResolveAsync(Random rng)
        {
            var fromAssigned = rng.Next(100) < 80;
            if (RandomKey(rng, fromAssigned ? _assigned.Keys : _open.Keys) is not { } caseId) return;
            RoutingActor actor;
            if (fromAssigned && _assigned.TryGetValue(caseId, out var holder)) actor = AgentOf(holder).Actor;
            else actor = _leads[rng.Next(_leads.Count)].Actor;
            await RunAsync("resolve", () => _h.Engine.ResolveAsync(caseId, "Sorted out with the customer.", actor),
                typeof(RoutingForbiddenException), typeof(RoutingNotFoundException), typeof(DomainException));
        }

        private async Task TransferAsync(Random rng)
        {
            if (RandomKey(rng, _assigned.Keys) is not { } caseId || !_assigned.TryGetValue(caseId, out var holder)) return;
            var roll = rng.Next(100);
            var target = roll < 50 ? TransferTarget.ToSkill(CaseSkills[rng.Next(CaseSkills.Length)])
                : roll < 80 ? TransferTarget.ToTeam(_teams[rng.Next(_teams.Count)].Id)
                : TransferTarget.ToAgent(RandomAgent(rng).Agent.Id);
            await RunAsync("transfer", () => _h.Engine.TransferAsync(caseId, target, NoteFor(target.AgentId), AgentOf(holder).Actor),
                typeof(RoutingForbiddenException), typeof(RoutingNotFoundException), typeof(CapacityExceededException), typeof(DomainException));
        }

        private Task AdvanceAsync(Random rng) => RunAsync("advance clock", () => _h.AdvanceAsync(TimeSpan.FromSeconds(rng.Next(1, 13))));

        // ----- What the workers saw -----

        private async Task RunAsync(string operation, Func<Task> work, params Type[] refusals)
        {
            Interlocked.Increment(ref _operations);
            try
            {
                await work();
                Tally(operation, "ok");
            }
            catch (Exception e) when (refusals.Any(r => r == e.GetType() || (r == typeof(DomainException) && e is DomainException)))
            {
                Tally(operation, e.GetType().Name);
            }
            catch (Exception e)
            {
                Unexpected(operation, e);
            }
        }

        private void Tally(string operation, string outcome) => _outcomes.AddOrUpdate($"{operation}: {outcome}", 1, (_, n) => n + 1);

        private void Unexpected(string operation, Exception e)
        {
            Tally(operation, "UNEXPECTED " + e.GetType().Name);
            _unexpected.Enqueue($"{operation}: {e}");
        }

        public void AssertNoUnexpectedFailures() =>
            Assert.True(_unexpected.IsEmpty, $"{_unexpected.Count} operations failed unexpectedly:{Environment.NewLine}{string.Join(Environment.NewLine, _unexpected.Take(5))}");

        public void AssertLoadsMatchedHoldersAfterEveryCommand()
        {
            lock (_loadMismatches)
                Assert.True(_loadMismatches.Count == 0, $"{_loadMismatches.Count} published loads disagreed with the holders:{Environment.NewLine}{string.Join(Environment.NewLine, _loadMismatches.Take(10))}");
        }

        // Subscribers run on the engine's loop in publish order, so this sees each command's events in order.
        private Task Observe(RoutingEvent e)
        {
            switch (e)
            {
                case CaseOffered offered:
                    _offers[offered.Case.CaseId] = new Offer(offered.Case.CaseId, offered.AgentId, offered.ExpiresAt);
                    _holders[offered.Case.CaseId] = (offered.AgentId, false);
                    break;
                case OfferWithdrawn withdrawn:
                    _offers.TryRemove(withdrawn.CaseId, out _);
                    if (_holders.TryGetValue(withdrawn.CaseId, out var offeredTo) && offeredTo.Agent == withdrawn.AgentId) _holders.Remove(withdrawn.CaseId);
                    break;
                case CaseAssigned assigned:
                    _offers.TryRemove(assigned.Case.CaseId, out _);
                    _assigned[assigned.Case.CaseId] = assigned.AgentId;
                    _holders[assigned.Case.CaseId] = (assigned.AgentId, assigned.Case.CapacityOverride);
                    break;
                case CaseReassigned { ToAgentId: null } released:
                    _assigned.TryRemove(released.Case.CaseId, out _);
                    if (released.FromAgentId is { } from && _holders.TryGetValue(released.Case.CaseId, out var heldBy) && heldBy.Agent == from) _holders.Remove(released.Case.CaseId);
                    break;
                case CaseResolved resolved:
                    _offers.TryRemove(resolved.CaseId, out _);
                    _assigned.TryRemove(resolved.CaseId, out _);
                    _open.TryRemove(resolved.CaseId, out _);
                    _holders.Remove(resolved.CaseId);
                    break;
                case PresenceChanged presence:
                    var held = _holders.Values.Count(v => v.Agent == presence.AgentId);
                    var overrides = _holders.Values.Count(v => v.Agent == presence.AgentId && v.Override);
                    if (presence.Load != held || presence.Load > presence.Capacity + overrides)
                        lock (_loadMismatches) _loadMismatches.Add($"{presence.AgentName} at {presence.At:O}: load {presence.Load}, holds {held}, capacity {presence.Capacity}, overrides {overrides}");
                    break;
            }
            return Task.CompletedTask;
        }

        // ----- The stored logs -----

        /// <summary>
        /// Replays each case's stored log in order and fails if a case was ever offered or assigned
        /// while someone held it, accepted by someone it was not offered to, or ends held by someone
        /// other than the stored holder.
        /// </summary>
        public async Task<CaseLog> ReplayCaseLogsAsync()
        {
            await using var db = await _h.DbFactory.CreateDbContextAsync();
            var events = await db.CaseEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
            var cases = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id);
            var byCase = events.GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.ToList());
            var violations = new List<string>();
            foreach (var (caseId, log) in byCase)
            {
                Guid? holder = null;
                var offered = false;
                for (var i = 0; i < log.Count; i++)
                {
                    var e = log[i];
                    var next = i + 1 < log.Count ? log[i + 1] : null;
                    void Violation(string what) => violations.Add($"Case {caseId}, event {e.Id} {e.Type} at {e.At:O}: {what} (holder {holder?.ToString() ?? "none"}, offered {offered}).");
                    switch (e.Type)
                    {
                        case CaseEventType.Queued or CaseEventType.Resolved:
                            holder = null;
                            offered = false;
                            break;
                        case CaseEventType.Offered:
                            if (holder is not null) Violation($"offered to {e.Detail} while held");
                            holder = Guid.Parse(e.Detail!);
                            offered = true;
                            break;
                        case CaseEventType.Accepted:
                            var agent = Guid.Parse(e.ActorId!);
                            if (e.ActorKind == ActorKind.Agent && (!offered || holder != agent)) Violation($"accepted by {agent} without their offer");
                            if (e.ActorKind != ActorKind.Agent && holder is not null) Violation($"auto-assigned to {agent} while held");
                            holder = agent;
                            offered = false;
                            break;
                        case CaseEventType.Reassigned or CaseEventType.Transferred when next?.Type != CaseEventType.Queued:
                            // Assigned by hand, from the queue or from its holder in one step; the note names the new holder.
                            if (TargetIn(e.Comment) is not { } to) { Violation("moved to an agent the note does not name"); break; }
                            holder = to;
                            offered = false;
                            break;
                        case CaseEventType.Declined or CaseEventType.TimedOut or CaseEventType.Withdrawn:
                            if (!offered) Violation("ended an offer that was not pending");
                            if (next?.Type != CaseEventType.Queued) Violation("was not followed by the case queueing");
                            break;
                        case CaseEventType.Reclaimed or CaseEventType.HoldExpired:
                            if (offered || holder is null) Violation("took back a case that was not assigned");
                            if (next?.Type != CaseEventType.Queued) Violation("was not followed by the case queueing");
                            break;
                        case CaseEventType.Replied:
                            if (offered || holder?.ToString() != e.ActorId) Violation($"reply by {e.ActorId}, who does not hold the case");
                            break;
                    }
                }
                var stored = cases[caseId];
                if (stored.HolderId != holder) violations.Add($"Case {caseId}: the log ends with holder {holder}, the case says {stored.HolderId} ({stored.Status}).");
                if (stored.IsOpen && (stored.Status == CaseStatus.Offered) != offered) violations.Add($"Case {caseId}: the log ends offered={offered}, the case is {stored.Status}.");
            }
            Assert.True(violations.Count == 0, $"{violations.Count} case log violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Take(10))}");
            var types = events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count());
            var agentAccepts = events.Count(e => e.Type == CaseEventType.Accepted && e.ActorKind == ActorKind.Agent);
            return new CaseLog(byCase, types, agentAccepts);
        }

        /// <summary>
        /// Each double accept answered an offer nobody else answered. If the stored log shows that
        /// offer accepted, exactly one of the two calls succeeded; if it ended otherwise first
        /// (timed out, withdrawn, reassigned, resolved), neither did.
        /// </summary>
        public void AssertEveryDoubleAcceptHadOneWinner(CaseLog log)
        {
            var timeout = _h.Options.OfferTimeout;
            var wrong = new List<string>();
            foreach (var pair in _doubleAccepts)
            {
                var offer = pair.Offer;
                var events = log.ByCase[offer.CaseId];
                var offeredAt = offer.ExpiresAt - timeout;
                // Withdrawn and offered again within one instant, an offer can be stored twice with the same key; the claim covered both.
                var starts = events.Select((e, i) => (e, i))
                    .Where(x => x.e.Type == CaseEventType.Offered && x.e.At == offeredAt && x.e.Detail == offer.AgentId.ToString()).ToList();
                if (starts.Count == 0)
                {
                    wrong.Add($"Case {offer.CaseId}: no stored offer matches {offer}.");
                    continue;
                }
                var ends = starts.Select(start => events.Skip(start.i + 1).FirstOrDefault(e => e.Type is CaseEventType.Accepted or CaseEventType.Declined
                    or CaseEventType.TimedOut or CaseEventType.Withdrawn or CaseEventType.Reassigned or CaseEventType.Transferred or CaseEventType.Resolved
                    or CaseEventType.ToEngineering or CaseEventType.Queued)).ToList();
                if (ends.Any(e => e is null))
                {
                    wrong.Add($"Case {offer.CaseId}: the offer {offer} never ended, yet {pair.Successes} of 2 accepts succeeded ({pair.Failures}).");
                    continue;
                }
                var accepted = ends.Count(e => e!.Type == CaseEventType.Accepted && e.ActorKind == ActorKind.Agent && e.ActorId == offer.AgentId.ToString());
                if (pair.Successes != accepted || accepted > 1)
                    wrong.Add($"Case {offer.CaseId}: {pair.Successes} of 2 accepts succeeded ({pair.Failures}), but the offer ended with "
                        + string.Join(", ", ends.Select(e => $"{e!.Type} by {e.ActorId}")) + ".");
            }
            Assert.True(wrong.Count == 0, $"{wrong.Count} double accepts went wrong:{Environment.NewLine}{string.Join(Environment.NewLine, wrong.Take(10))}");
            Assert.All(_doubleAccepts, d => Assert.InRange(d.Successes, 0, 1));
        }

        // ----- Picking -----

        private Offer? PickOffer(Random rng) => RandomKey(rng, _offers.Keys) is { } caseId && _offers.TryGetValue(caseId, out var offer) ? offer : null;

        private bool ClaimForSingle(Offer offer) => _claims.AddOrUpdate(offer, 1, (_, n) => n < 0 ? n : n + 1) > 0;

        // A concurrent dictionary's Keys is a copy, so it cannot change under the pick.
        private static long? RandomKey(Random rng, ICollection<long> keys) => keys.Count == 0 ? null : keys.ElementAt(rng.Next(keys.Count));

        private AgentInfo RandomAgent(Random rng) => _agents[rng.Next(_agents.Count)];

        private AgentInfo AgentOf(Guid id) => _agents.Single(a => a.Agent.Id == id);

        private static string NoteFor(Guid? target) => target is { } to ? $"Rebalancing to {to}" : "Rebalancing back to the queue";

        private static Guid? TargetIn(string? note) =>
            note is not null && note.StartsWith("Rebalancing to ", StringComparison.Ordinal) && Guid.TryParse(note["Rebalancing to ".Length..], out var id) ? id : null;

        private static T Pick<T>(Random rng, params (T Value, int Weight)[] choices)
        {
            var roll = rng.Next(choices.Sum(c => c.Weight));
            foreach (var (value, weight) in choices)
            {
                if (roll < weight) return value;
                roll -= weight;
            }
            return choices[^1].Value;
        }
    }
}
