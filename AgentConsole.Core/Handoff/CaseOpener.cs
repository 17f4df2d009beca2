using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Delivery;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// Opens the case for an escalation: reads the context package, writes the briefing, opens the
/// case and puts it in the queue, and tells an external bot with a <c>case.escalated</c> outbox
/// row. The caller's transaction makes it all or nothing, and the conversation's status
/// (BotActive to Escalated) makes it once per escalation.
/// </summary>
public static class CaseOpener
{
    /// <summary>
    /// Opens the case in <paramref name="db"/>'s transaction; the case is saved (it needs its id),
    /// the outbox row is added for the caller's next save. The caller signals the
    /// <see cref="OutboxSignal"/> after it commits, when <see cref="OpenedCase.Outbound"/> is set.
    /// </summary>
    public static async Task<OpenedCase> OpenAsync(AgentConsoleDbContext db, Conversation conversation, EscalationDecision decision, DateTime now, CancellationToken cancellationToken = default)
    {
        var context = await ContextPackageReader.ReadAsync(db, conversation, decision, now, cancellationToken);
        var @case = new Case(conversation, decision, BriefingWriter.Write(context), now);
        @case.Queue(now);
        db.Cases.Add(@case);
        await db.SaveChangesAsync(cancellationToken);
        return new OpenedCase(@case, await CaseEscalatedOutbox.AddAsync(db, @case, now, cancellationToken));
    }
}

/// <summary>A case just opened, and the <c>case.escalated</c> row written for its bot (null for a widget conversation).</summary>
public sealed record OpenedCase(Case Case, OutboundEvent? Outbound);
