namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The result of routing one case: offer it to <see cref="Agent"/>, or queue it, and which step
/// of the tree decided. Keeps the case and the agent snapshots it was decided on, so that
/// <see cref="Explain"/> can say why at any time later, exactly as it was.
/// </summary>
public sealed class RoutingDecision
{
    private readonly RoutingPolicy _policy;
    private readonly AgentSnapshot[]? _pool;
    private readonly int _poolCount;
    private readonly AgentIndex? _index;
    private readonly long _indexVersion;
    private RoutingExplanation? _explanation;

    internal RoutingDecision(RoutingPolicy policy, CaseToRoute @case, DateTime decidedAt, AgentSnapshot[] pool, int poolCount,
        RoutingOutcome outcome, RoutingStep step, AgentSnapshot? agent, double? score, string reason)
    {
        _policy = policy;
        _pool = pool;
        _poolCount = poolCount;
        Case = @case;
        DecidedAt = decidedAt;
        Outcome = outcome;
        Step = step;
        Agent = agent;
        Score = score;
        Reason = reason;
    }

    /// <summary>A decision made by walking <paramref name="index"/>'s ready agents, of whom it looked at <paramref name="visited"/>.</summary>
    internal RoutingDecision(RoutingPolicy policy, CaseToRoute @case, DateTime decidedAt, AgentIndex index, int visited,
        RoutingOutcome outcome, RoutingStep step, AgentSnapshot? agent, double? score, string reason)
        : this(policy, @case, decidedAt, (AgentSnapshot[])null!, visited, outcome, step, agent, score, reason)
    {
        _pool = null;
        _index = index;
        _indexVersion = index.Version;
    }

    /// <summary>The case routed, with its context, whether offered or queued.</summary>
    public CaseToRoute Case { get; }

    /// <summary>When the decision was made.</summary>
    public DateTime DecidedAt { get; }

    /// <summary>Offer or queue.</summary>
    public RoutingOutcome Outcome { get; }

    /// <summary>The step that produced the outcome; <see cref="RoutingStep.Queue"/> when queued.</summary>
    public RoutingStep Step { get; }

    /// <summary>The chosen agent as they were when chosen; null when queued.</summary>
    public AgentSnapshot? Agent { get; }

    /// <summary>The chosen agent's score; null when queued.</summary>
    public double? Score { get; }

    /// <summary>Why, in a few words: "Available specialist with the skill", "No specialist available".</summary>
    public string Reason { get; }

    /// <summary>
    /// How many agents were looked at: the whole pool given, or, for a decision over an
    /// <see cref="AgentIndex"/>, the ready agents its walk reached.
    /// </summary>
    public int PoolSize => _poolCount;

    /// <summary>
    /// The full explanation: every step, every candidate and the filter that dropped it, and the
    /// winner's score terms. Built on first call by replaying the decision with a recorder, over
    /// every agent who could take the case. A decision over an <see cref="AgentIndex"/> must be
    /// explained before the index changes (the engine does so in the command that decided).
    /// </summary>
    /// <exception cref="InvalidOperationException">The index has changed since the decision, or the replay gave another result.</exception>
    public RoutingExplanation Explain()
    {
        if (_explanation is { } cached) return cached;
        var pool = _pool;
        var count = _poolCount;
        if (pool is null)
        {
            if (_index!.Version != _indexVersion) throw new InvalidOperationException("The agents have changed since this routing decision; explain it before the index changes.");
            pool = _index.PoolFor(Case.RequiredSkill, out count);
        }
        var recorder = new ExplanationRecorder(_policy, Case, DecidedAt);
        var replay = _policy.Decide(Case, pool, count, DecidedAt, recorder);
        if (replay.Agent != Agent || replay.Step != Step) throw new InvalidOperationException("Replaying the routing decision gave another result; a score term is not a pure function of its arguments.");
        return _explanation = recorder.Build(this);
    }
}
