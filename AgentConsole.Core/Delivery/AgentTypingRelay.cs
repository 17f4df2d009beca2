using System.Collections.Concurrent;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Tells an external bot that the agent is typing (<c>agent.typing</c>). Typing changes nothing on
/// the desk, so the row is written in a small transaction of its own, and at most once per case
/// every <see cref="DeliveryOptions.TypingIntervalSeconds"/>: a console calls it on every keystroke
/// burst without flooding the bot.
/// </summary>
public sealed class AgentTypingRelay(IDbContextFactory<AgentConsoleDbContext> dbFactory, OutboxSignal signal, DeliveryOptions options, TimeProvider time)
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<long, DateTime> _lastWritten = new();

    /// <summary>
    /// The agent <paramref name="agentId"/> is typing on the case <paramref name="caseId"/>. Returns
    /// whether a row was written: not for a widget conversation (the widget hears typing in process),
    /// nor again within the interval.
    /// </summary>
    /// <exception cref="RoutingNotFoundException">The case does not exist or is resolved.</exception>
    /// <exception cref="RoutingForbiddenException">The case is not assigned to this agent.</exception>
    public async Task<bool> AgentTypingAsync(long caseId, Guid agentId, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNowDateTime();
        if (_lastWritten.TryGetValue(caseId, out var last) && now - last < options.TypingInterval) return false;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.Status, c.AssignedAgentId }).SingleOrDefaultAsync(cancellationToken);
        if (@case is null || @case.Status == CaseStatus.Resolved) throw new RoutingNotFoundException($"Case {caseId} is not open.");
        if (@case.Status != CaseStatus.Assigned || @case.AssignedAgentId != agentId)
            throw new RoutingForbiddenException("Only the agent the case is assigned to types on it.");
        if (await OutboxTargets.ForCaseAsync(db, caseId, cancellationToken) is not { } target) return false;
        var name = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => a.DisplayName).SingleAsync(cancellationToken);

        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            db.OutboundEvents.Add(target.Event(OutboundEventTypes.AgentTyping, new AgentTypingData(caseId, name), now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        Remember(caseId, now);
        signal.Written(target.ConversationId);
        return true;
    }

    private void Remember(long caseId, DateTime now)
    {
        if (_lastWritten.Count >= MaxRemembered)
        {
            foreach (var (id, at) in _lastWritten)
                if (now - at >= options.TypingInterval) _lastWritten.TryRemove(id, out _);
        }
        _lastWritten[caseId] = now;
    }
}
