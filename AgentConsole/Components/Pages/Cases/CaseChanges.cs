namespace AgentConsole.Components.Pages.Cases;

/// <summary>The parts of the case view an event changed, so that the page reads only those again.</summary>
[Flags]
public enum CaseChanges
{
    None = 0,
    /// <summary>Where the case is and who holds it: the header, the permissions and what follows from them.</summary>
    Status = 1,
    /// <summary>New messages (and what was tried, the pages viewed, the customer).</summary>
    Conversation = 2,
    /// <summary>The internal notes and the feedback flags.</summary>
    Notes = 4,
}
