namespace AgentConsole.Core.Cases;

/// <summary>
/// Told about each case after the transaction that opened it commits, so that routing can start at
/// once. Telling it is an optimisation: the routing engine also finds every open case in the store
/// when it starts, so a case is never lost if a notice is.
/// </summary>
public interface ICaseOpenedSink
{
    /// <summary>A case was opened and committed. Must not block.</summary>
    void CaseOpened(long caseId);
}
