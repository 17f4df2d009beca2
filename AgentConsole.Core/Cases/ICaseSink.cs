namespace AgentConsole.Core.Cases;

/// <summary>
/// Told about cases after the transaction that changed them commits: a case opened, so routing can
/// start at once, or new messages on a case's conversation, so whoever has it open sees them.
/// Telling it is an optimisation: the routing engine also finds every open case in the store when
/// it starts, and the case view reads the store, so nothing is lost if a notice is.
/// </summary>
public interface ICaseSink
{
    /// <summary>A case was opened and committed. Must not block.</summary>
    void CaseOpened(long caseId);

    /// <summary>The conversation of open case <paramref name="caseId"/> has new messages or events. Must not block.</summary>
    void ConversationUpdated(long caseId);

    /// <summary>The customer rated resolved case <paramref name="caseId"/>, and the rating is committed. Must not block.</summary>
    void CaseRated(long caseId) { }
}
