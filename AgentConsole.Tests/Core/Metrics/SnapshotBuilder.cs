using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>Hand-made routing snapshots for the pure board and dashboard computations.</summary>
internal sealed class SnapshotBuilder(DateTime at)
{
    private readonly List<AgentState> _agents = [];
    private readonly List<CaseState> _cases = [];
    private readonly List<long> _queue = [];

    public AgentState Agent(string name, Guid teamId, Presence presence = Presence.Available, int load = 0, int capacity = 3, int connections = 1,
        AgentTier tier = AgentTier.Specialist)
    {
        var agent = new AgentState(Guid.NewGuid(), name, teamId, tier, presence, load, capacity, false, connections, null, null);
        _agents.Add(agent);
        return agent;
    }

    public CaseState Case(long id, CaseStatus status, DateTime queuedAt, Guid? holder = null, Guid? teamId = null,
        IssueCategory category = IssueCategory.Billing, AgentTier tier = AgentTier.Specialist, CasePriority priority = CasePriority.Normal,
        DateTime? firstReplyDueAt = null)
    {
        var card = new CaseCard(id, Guid.NewGuid(), $"conv-{id}", $"Customer {id}", null, CustomerTier.Business, null, category, priority, Skill.Billing,
            tier, status, ["CustomerRequest"], "CustomerRequest: asked for a human", queuedAt, queuedAt, holder, null, teamId, 0, null, firstReplyDueAt,
            false, null);
        var state = new CaseState(id, status, holder, null, firstReplyDueAt, false, new HashSet<Guid>(), teamId, card);
        _cases.Add(state);
        if (status == CaseStatus.Queued) _queue.Add(id);
        return state;
    }

    public RoutingSnapshot Build() => new(at, [.. _agents], [.. _cases], [.. _queue]);
}
