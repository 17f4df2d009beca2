namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The result of routing one case: offer it to <see cref="Agent"/>, or queue it, and which step
/// of the tree decided. Keeps the case and the agent snapshots it was decided on, so that
/// <see cref="Explain"/> can say why at any time later, exactly as it was.
/// </summary>
public sealed class RoutingDecision
{
    private readonly RoutingPolicy _policy;
    private readonly AgentSnapshot[] _pool;
    private readonly int _poolCount;
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

    /// <summary>How many agents were looked at (the skill's pool when routed through an <see cref="AgentIndex"/>).</summary>
    public int PoolSize => _poolCount;

    /// <summary>
    /// The full explanation: every step, every candidate and the filter that dropped it, and the
    /// winner's score terms. Built on first call by replaying the decision with a recorder.
    /// </summary>
    public RoutingExplanation Explain()
    {
        if (_explanation is { } cached) return cached;
        var recorder = new ExplanationRecorder(_policy, Case, DecidedAt);
        var replay = _policy.Decide(Case, _pool, _poolCount, DecidedAt, recorder);
        if (replay.Agent != Agent || replay.Step != Step) throw new InvalidOperationException("Replaying the routing decision gave another result; a score term is not a pure function of its arguments.");
        return _explanation = recorder.Build(this);
    }
}
