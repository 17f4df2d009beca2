using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// The unresolved-time trigger. It needs no new message: a timer calls <see cref="SweepAsync"/>,
/// which escalates every conversation still with the bot N minutes after the customer first
/// wrote (sooner for valuable customers). It reads everything from the store, so it carries on
/// after a restart exactly where it was.
/// </summary>
public sealed class UnresolvedSweeper(IDbContextFactory<AgentConsoleDbContext> dbFactory, TriggerEngine triggers, TimeProvider time, Cases.ICaseSink? caseSink = null,
    Delivery.OutboxSignal? outboxSignal = null, Telemetry.DeskTelemetry? telemetry = null)
{
    private const int BatchSize = 100;

    /// <summary>Escalates the conversations that have waited too long; returns the cases it opened.</summary>
    public async Task<IReadOnlyList<long>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var options = triggers.Rules.Options;
        if (!options.Unresolved.Enabled) return [];
        var now = time.UtcNowDateTime();
        var soonest = now - TimeSpan.FromMinutes(options.Unresolved.Minutes * options.Unresolved.ValuableCustomerFactor);
        var idleCutoff = now - TimeSpan.FromMinutes(options.Unresolved.IdleCutoffMinutes);

        List<Guid> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.Conversations.AsNoTracking()
                .Where(c => c.Stage == ConversationStage.WithBot && c.FirstCustomerMessageAt != null && c.FirstCustomerMessageAt <= soonest && c.LastActivityAt >= idleCutoff)
                .OrderBy(c => c.FirstCustomerMessageAt).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var opened = new List<long>();
        foreach (var id in candidates)
        {
            if (await EscalateIfOverdueAsync(id, options, cancellationToken) is { } caseId) opened.Add(caseId);
        }
        return opened;
    }

    private async Task<long?> EscalateIfOverdueAsync(Guid conversationId, TriggerOptions options, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var now = time.UtcNowDateTime();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(c => c.Id == conversationId, cancellationToken);
        // Re-checked under the write lock: a message may have escalated it since the candidates were read.
        if (conversation.Stage != ConversationStage.WithBot || conversation.FirstCustomerMessageAt is not { } first) return null;

        var valuable = CustomerValue.Of(conversation.Customer, options.CustomerValue, now).IsValuable && options.CustomerValue.Enabled;
        var limit = TimeSpan.FromMinutes(options.Unresolved.Minutes * (valuable ? options.Unresolved.ValuableCustomerFactor : 1));
        if (now - first < limit) return null;

        var record = await db.TriggerStates.FindAsync([conversationId], cancellationToken);
        var decision = triggers.Decide(record?.Read() ?? new TriggerState { FirstCustomerMessageAt = first }, conversation.Customer, now, timedOut: true);
        if (!decision.Escalate) return null;
        var (@case, escalated) = await CaseOpener.OpenAsync(db, conversation, decision, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (escalated is not null) outboxSignal?.Written(escalated.ConversationId);
        telemetry?.Escalated(decision, "unresolved-sweep");
        caseSink?.CaseOpened(@case.Id);
        return @case.Id;
    }
}
