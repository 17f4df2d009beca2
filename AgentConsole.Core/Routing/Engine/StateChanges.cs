namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// What one command changed in the queue and the loads, netted: a case that joins and leaves the
/// queue within the command is not reported, so each command publishes one queue delta.
/// </summary>
internal sealed class StateChanges
{
    private readonly List<long> _queued = [];
    private readonly HashSet<long> _dequeued = [];
    private readonly HashSet<Guid> _loads = [];

    /// <summary>Cases that joined the queue, in the order they joined.</summary>
    public IReadOnlyList<long> Queued => _queued;

    /// <summary>Cases that left the queue.</summary>
    public IReadOnlyCollection<long> Dequeued => _dequeued;

    /// <summary>Agents whose load (or latest assignment) moved.</summary>
    public IReadOnlyCollection<Guid> Loads => _loads;

    public bool QueueMoved => _queued.Count > 0 || _dequeued.Count > 0;

    public void Enqueued(long caseId)
    {
        if (!_dequeued.Remove(caseId)) _queued.Add(caseId);
    }

    public void Removed(long caseId)
    {
        if (!_queued.Remove(caseId)) _dequeued.Add(caseId);
    }

    public void LoadMoved(Guid agentId) => _loads.Add(agentId);
}
