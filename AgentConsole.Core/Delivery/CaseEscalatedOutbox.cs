using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Data;

namespace AgentConsole.Core.Delivery;

/// <summary>
/// Writes <c>case.escalated</c> for a case just opened, in the transaction that opens it. Every
/// path that opens a case goes through <see cref="Handoff.CaseOpener"/>, which calls this.
/// </summary>
public static class CaseEscalatedOutbox
{
    /// <summary>
    /// Adds the row to <paramref name="db"/> for a saved <paramref name="case"/> of an external bot;
    /// returns it, or null for a widget conversation. The caller's save stores it.
    /// </summary>
    public static async Task<OutboundEvent?> AddAsync(AgentConsoleDbContext db, Case @case, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.Id == 0) throw new InvalidOperationException("Save the case first: the event names its id.");
        if (await OutboxTargets.ForCaseAsync(db, @case.Id, cancellationToken) is not { } target) return null;
        var row = target.Event(OutboundEventTypes.CaseEscalated, DataOf(@case), now);
        db.OutboundEvents.Add(row);
        return row;
    }

    /// <summary>What <c>case.escalated</c> says about <paramref name="case"/>.</summary>
    public static CaseEscalatedData DataOf(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseEscalatedData(@case.Id, @case.Category.ToString(), @case.Priority.ToString(),
            [.. @case.Reasons.Select(r => new EscalationReasonData(r.Category.ToString(), r.Trigger, r.Evidence))],
            SkillNames.Of(@case.RequiredSkill), @case.RequiredSkill.ToString());
    }
}
