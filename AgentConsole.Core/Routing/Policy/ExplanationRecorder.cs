using System.Globalization;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>What the decision tree reports while it runs; a no-op in the hot path.</summary>
internal interface IRouteRecorder
{
    /// <summary>Whether anything is recorded; when false, steps closed to their whole pool are not walked.</summary>
    bool Recording { get; }
    void Skipped(RoutingStep step);
    void Begin(RoutingStep step, string? closedReason);
    void Dropped(AgentSnapshot agent, CandidateFilter filter);
    void Eligible(AgentSnapshot agent, double score);
    void End(AgentSnapshot? chosen);
}

/// <summary>Records nothing; the JIT removes every call.</summary>
internal readonly struct NoRecorder : IRouteRecorder
{
    public bool Recording => false;
    public void Skipped(RoutingStep step) { }
    public void Begin(RoutingStep step, string? closedReason) { }
    public void Dropped(AgentSnapshot agent, CandidateFilter filter) { }
    public void Eligible(AgentSnapshot agent, double score) { }
    public void End(AgentSnapshot? chosen) { }
}

/// <summary>Records a replayed decision and turns it into a <see cref="RoutingExplanation"/>.</summary>
internal sealed class ExplanationRecorder(RoutingPolicy policy, CaseToRoute @case, DateTime now) : IRouteRecorder
{
    private readonly List<StepRecord> _steps = [];
    private StepRecord? _current;

    public bool Recording => true;

    public void Skipped(RoutingStep step) =>
        _steps.Add(new StepRecord(step, ran: false, $"Skipped: the case is {@case.Priority}, not Urgent"));

    public void Begin(RoutingStep step, string? closedReason)
    {
        _current = new StepRecord(step, ran: true, closedReason);
        _steps.Add(_current);
    }

    public void Dropped(AgentSnapshot agent, CandidateFilter filter) => _current!.Dropped.Add((agent, filter));

    public void Eligible(AgentSnapshot agent, double score) => _current!.Eligible.Add((agent, score));

    public void End(AgentSnapshot? chosen) => _current!.Chosen = chosen;

    public RoutingExplanation Build(RoutingDecision decision)
    {
        var steps = _steps.Select(BuildStep).ToList();
        var terms = decision.Agent is { } winner ? policy.Scorer.Terms(winner, @case, now) : [];
        var summary = decision.Agent is { } agent
            ? $"Routed to {agent.Name} ({agent.Tier}) at the {StepTitle(decision.Step)} step{OwnerNote(decision)}: {string.Join(", ", terms.Where(Counts).Select(t => t.Detail))}."
            : $"Queued: {decision.Reason}.";
        return new RoutingExplanation(
            @case.CaseId, now, decision.Outcome, decision.Step, summary, decision.Reason,
            @case.Category, @case.RequiredSkill, @case.SuggestedTier, @case.NeedsSpecialist,
            @case.Priority, policy.Ordering.EffectivePriority(@case, now), Math.Max(0, (now - @case.QueuedAt).TotalSeconds),
            decision.Agent?.Id, decision.Agent?.Name, decision.Score, terms, steps);
    }

    private StepTrace BuildStep(StepRecord step)
    {
        if (!step.Ran) return new StepTrace(step.Step, false, step.Note!, []);
        var proficiency = (AgentSnapshot a) => a.Skills[@case.RequiredSkill];
        // Only the best few eligible agents and the first few dropped ones by name are listed, so that an
        // explanation stays short at a desk of thousands; picking them is one pass over the step's pool.
        var ranked = Smallest(step.Eligible, StepTrace.ListedEligible, Comparer<(AgentSnapshot Agent, double Score)>.Create((x, y) => x.Agent == y.Agent ? 0
            : AgentSelector.Prefers(x.Agent, x.Score, proficiency(x.Agent), y.Agent, y.Score, proficiency(y.Agent)) ? -1 : 1));
        var dropped = Smallest(step.Dropped, StepTrace.ListedDropped, Comparer<(AgentSnapshot Agent, CandidateFilter Filter)>.Create((x, y) =>
            StringComparer.OrdinalIgnoreCase.Compare(x.Agent.Name, y.Agent.Name) is var byName and not 0 ? byName : x.Agent.Id.CompareTo(y.Agent.Id)));
        var candidates = new List<CandidateVerdict>(ranked.Count + dropped.Count);
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            var (agent, score) = ranked[rank];
            var chosen = agent == step.Chosen;
            var reason = chosen ? "Chosen" : string.Create(CultureInfo.InvariantCulture, $"Eligible, ranked {rank + 1} of {step.Eligible.Count}");
            candidates.Add(new CandidateVerdict(agent.Id, agent.Name, agent.Tier, null, reason, chosen, score, policy.Scorer.Terms(agent, @case, now)));
        }
        foreach (var (agent, filter) in dropped)
            candidates.Add(new CandidateVerdict(agent.Id, agent.Name, agent.Tier, filter,
                RoutingPolicy.Describe(filter, agent, @case, step.Step, step.Note), false, null, []));

        var omitted = new List<OmittedCandidates>();
        if (step.Eligible.Count > ranked.Count) omitted.Add(new OmittedCandidates(null, step.Eligible.Count - ranked.Count));
        if (step.Dropped.Count > dropped.Count)
        {
            var listed = dropped.Select(d => d.Agent.Id).ToHashSet();
            omitted.AddRange(step.Dropped.Where(d => !listed.Contains(d.Agent.Id)).GroupBy(d => d.Filter)
                .Select(g => new OmittedCandidates(g.Key, g.Count())).OrderByDescending(o => o.Count).ThenBy(o => o.DroppedBy));
        }

        var considered = step.Eligible.Count + step.Dropped.Count;
        var result = step.Note is { } closed ? closed
            : step.Chosen is { } winner ? string.Create(CultureInfo.InvariantCulture, $"Chose {winner.Name}: {step.Eligible.Count:N0} eligible of {considered:N0} considered")
            : considered == 0 ? "No candidates in this tier"
            : string.Create(CultureInfo.InvariantCulture, $"No eligible agent among {considered:N0} considered");
        return new StepTrace(step.Step, true, result, candidates) { Omitted = omitted };
    }

    /// <summary>The <paramref name="count"/> first of <paramref name="items"/> in <paramref name="order"/>, sorted: one pass, with a short sorted list.</summary>
    private static List<T> Smallest<T>(List<T> items, int count, IComparer<T> order)
    {
        var kept = new List<T>(Math.Min(count, items.Count) + 1);
        foreach (var item in items)
        {
            if (kept.Count == count && order.Compare(item, kept[^1]) >= 0) continue;
            var at = kept.BinarySearch(item, order);
            kept.Insert(at < 0 ? ~at : at, item);
            if (kept.Count > count) kept.RemoveAt(kept.Count - 1);
        }
        return kept;
    }

    private static string StepTitle(RoutingStep step) => step switch
    {
        RoutingStep.FrontlineWithGuidance => "frontline-with-guidance",
        RoutingStep.SeniorOrOnCall => "senior/on-call",
        RoutingStep.AccountOwner => "account owner",
        RoutingStep.OwnerTeam => "owner's team",
        _ => step.ToString().ToLowerInvariant(),
    };

    // The summary leaves out an affinity the winner does not have; the terms keep it.
    private static bool Counts(ScoreTerm term) => term.Name != AffinityTerm.TermName || term.Value != 0;

    // The owner steps name whom they chose for: "(account owner Dana Reyes)", "(owner's team Billing)".
    private static string OwnerNote(RoutingDecision decision) =>
        decision.Step is RoutingStep.AccountOwner or RoutingStep.OwnerTeam ? $" ({char.ToLowerInvariant(decision.Reason[0])}{decision.Reason[1..]})" : "";

    private sealed class StepRecord(RoutingStep step, bool ran, string? note)
    {
        public RoutingStep Step { get; } = step;
        public bool Ran { get; } = ran;
        /// <summary>The skip reason, or why the step was closed to its whole pool.</summary>
        public string? Note { get; } = note;
        public List<(AgentSnapshot Agent, CandidateFilter Filter)> Dropped { get; } = [];
        public List<(AgentSnapshot Agent, double Score)> Eligible { get; } = [];
        public AgentSnapshot? Chosen { get; set; }
    }
}
