using AgentConsole.Core.Common;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// The first time an agent opened one part of a case's context (a <see cref="ContextElement"/>). Kept
/// once per case, agent and element (a unique index) and never changed: the store refuses updates
/// and deletes. Compared with the agent's first <c>Replied</c> entry on the case's log, it says what
/// agents look at before they answer.
/// </summary>
public sealed class ContextOpening
{
    private ContextOpening() { }

    /// <summary>Agent <paramref name="agentId"/> opened <paramref name="element"/> on case <paramref name="caseId"/> at <paramref name="openedAt"/>.</summary>
    public ContextOpening(long caseId, Guid agentId, ContextElement element, DateTime openedAt)
    {
        ArgumentNullException.ThrowIfNull(element);
        CaseId = caseId;
        AgentId = AgentIdText(agentId);
        ElementKey = element.Key;
        OpenedAt = openedAt.EnsureUtc(nameof(openedAt));
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }

    /// <summary>The agent's id as the case log names actors (<see cref="Cases.CaseEvent.ActorId"/>), so the two compare in the store.</summary>
    public string AgentId { get; private set; } = "";

    /// <summary>The <see cref="ContextElement.Key"/>.</summary>
    public string ElementKey { get; private set; } = "";

    /// <summary>When the agent first opened it (UTC).</summary>
    public DateTime OpenedAt { get; private set; }

    /// <summary>An agent's id as the case log writes it.</summary>
    public static string AgentIdText(Guid agentId) => agentId.ToString();
}
