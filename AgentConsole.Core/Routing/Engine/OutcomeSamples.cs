using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>
/// Reads outcome samples from the store: a case resolved while assigned, the case event log for
/// when its resolver was given it and whether it ever moved, and its rating.
/// </summary>
internal static class OutcomeSamples
{
    /// <summary>The samples of every resolved case, or of one when <paramref name="caseId"/> is given.</summary>
    public static async Task<List<OutcomeSample>> LoadAsync(AgentConsoleDbContext db, long? caseId, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Resolved && c.AssignedAgentId != null && c.ResolvedAt != null);
        if (caseId is { } id) cases = cases.Where(c => c.Id == id);
        var rows = await cases.Select(c => new { c.Id, Agent = c.AssignedAgentId!.Value, c.Category, c.ResolvedCategory, c.AssignedAt, ResolvedAt = c.ResolvedAt!.Value })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var moves = (await db.CaseEvents.AsNoTracking()
                .Where(e => cases.Any(c => c.Id == e.CaseId) && (e.Type == CaseEventType.Accepted || e.Type == CaseEventType.Reassigned
                    || e.Type == CaseEventType.Transferred || e.Type == CaseEventType.ToEngineering))
                .Select(e => new { e.CaseId, e.Id, e.Type, e.At, e.Detail }).ToListAsync(cancellationToken))
            .ToLookup(e => e.CaseId);
        var ratings = (await db.ChatRatings.AsNoTracking().Where(r => r.CaseId != null && cases.Any(c => c.Id == r.CaseId))
                .Select(r => new { CaseId = r.CaseId!.Value, r.Score }).ToListAsync(cancellationToken))
            .ToLookup(r => r.CaseId);
        return [.. rows.Select(c =>
        {
            var log = moves[c.Id].OrderBy(e => e.Id).ToList();
            var agent = c.Agent.ToString();
            // The resolver's own assignment: the log's last entry that gave them the case.
            var assignedAt = log.LastOrDefault(e => e.Type != CaseEventType.ToEngineering && e.Detail == agent)?.At ?? c.AssignedAt ?? c.ResolvedAt;
            var firstContact = log.Count(e => e.Type == CaseEventType.Accepted) <= 1 && log.All(e => e.Type == CaseEventType.Accepted);
            var seconds = (long)Math.Max(0, (c.ResolvedAt - assignedAt).TotalSeconds);
            return new OutcomeSample(c.Id, c.Agent, c.ResolvedCategory ?? c.Category, seconds, firstContact, ratings[c.Id].Select(r => (int?)r.Score).FirstOrDefault());
        })];
    }
}
