using AgentConsole.Core.Handoff;

namespace AgentConsole.Components.Pages.Cases;

/// <summary>
/// What the case page cascades to its <see cref="ContextDisclosure"/>s: it tells the
/// <see cref="ContextUseRecorder"/> the first time the reading agent opens each part of the case.
/// A failure to record is logged and never reaches the agent: the page works without it.
/// </summary>
public sealed class ContextUseTracker(ContextUseRecorder recorder, long caseId, Guid agentId, ILogger logger)
{
    private readonly HashSet<string> _sent = [];

    /// <summary>The case the page shows.</summary>
    public long CaseId => caseId;

    /// <summary>The reading agent opened <paramref name="element"/>; only the first opening of each goes to the store.</summary>
    public async Task OpenedAsync(ContextElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!_sent.Add(element.Key)) return;
        try
        {
            await recorder.RecordOpenedAsync(caseId, agentId, element.Key);
        }
        catch (Exception e)
        {
            // Let a later opening try again.
            _sent.Remove(element.Key);
            logger.LogWarning(e, "Recording that agent {AgentId} opened {Element} on case {CaseId} failed.", agentId, element.Key, caseId);
        }
    }
}
