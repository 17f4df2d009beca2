using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// Opens the case for an escalation: reads the context package, writes the briefing, opens the
/// case and puts it in the queue. The caller's transaction makes it all or nothing, and the
/// conversation's status (BotActive to Escalated) makes it once per escalation.
/// </summary>
public static class CaseOpener
{
    public static async Task<Case> OpenAsync(AgentConsoleDbContext db, Conversation conversation, EscalationDecision decision, DateTime now, CancellationToken cancellationToken = default)
    {
        var context = await ContextPackageReader.ReadAsync(db, conversation, decision, now, cancellationToken);
        var @case = new Case(conversation, decision, BriefingWriter.Write(context), now);
        @case.Queue(now);
        db.Cases.Add(@case);
        return @case;
    }
}
