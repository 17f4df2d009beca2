using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// Records which parts of a case's context an agent opens: the first opening of each element per
/// case and agent is stored as a <see cref="ContextOpening"/>; later ones change nothing.
/// </summary>
public class ContextUseRecorder(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Agent <paramref name="agentId"/> opened the element <paramref name="elementKey"/> on case <paramref name="caseId"/>, now.
    /// True when this was their first opening of it on the case, false when it was already recorded.
    /// </summary>
    /// <exception cref="DomainException">The key is not in <see cref="ContextElements"/>, or the case or the agent does not exist.</exception>
    public virtual async Task<bool> RecordOpenedAsync(long caseId, Guid agentId, string elementKey, CancellationToken cancellationToken = default)
    {
        var element = ContextElements.Find(elementKey) ?? throw new DomainException($"Unknown context element '{elementKey}'.");
        var agentText = ContextOpening.AgentIdText(agentId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ContextOpenings.AnyAsync(o => o.CaseId == caseId && o.AgentId == agentText && o.ElementKey == element.Key, cancellationToken))
            return false;
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken)) throw new DomainException($"There is no case #{caseId}.");
        if (!await db.Agents.AnyAsync(a => a.Id == agentId, cancellationToken)) throw new DomainException("There is no such agent.");

        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        // Checked again inside the write: another circuit of the same agent may have recorded it meanwhile.
        if (await db.ContextOpenings.AnyAsync(o => o.CaseId == caseId && o.AgentId == agentText && o.ElementKey == element.Key, cancellationToken))
            return false;
        db.ContextOpenings.Add(new ContextOpening(caseId, agentId, element, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
