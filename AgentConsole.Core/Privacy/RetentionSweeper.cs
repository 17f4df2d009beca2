using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Privacy;

/// <summary>
/// Anonymises the conversations whose last activity is older than <see cref="RetentionOptions.Days"/>,
/// a batch per transaction, with <see cref="ConversationAnonymiser"/> and an <see cref="ErasureRecord"/>
/// per batch. A conversation with an open case waits until it is resolved; one that gained words since
/// it was anonymised is due again once those are old too. Customer profiles are not touched.
/// </summary>
public sealed class RetentionSweeper(IDbContextFactory<AgentConsoleDbContext> dbFactory, IOptionsMonitor<RetentionOptions> options, TimeProvider time,
    CategoryExampleStore? examples = null)
{
    /// <summary>Who the erasure records name for the retention job.</summary>
    public const string Actor = "retention";

    /// <summary>Anonymises every conversation past the limit; returns how many. Does nothing while retention is off.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled) return 0;
        var total = 0;
        var reload = false;
        while (true)
        {
            var (count, examplesRemoved) = await SweepBatchAsync(settings.Days!.Value, settings.BatchSize, cancellationToken);
            total += count;
            reload |= examplesRemoved;
            if (count < settings.BatchSize) break;
        }
        if (reload && examples is not null) await examples.ReloadAsync(cancellationToken);
        return total;
    }

    private async Task<(int Count, bool ExamplesRemoved)> SweepBatchAsync(int days, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await SecureErase.BeginAsync(db, cancellationToken);
        int count;
        bool examplesRemoved;
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            (count, examplesRemoved) = await AnonymiseDueAsync(db, days, batchSize, cancellationToken);
            if (count > 0) await transaction.CommitAsync(cancellationToken);
        }
        await SecureErase.EndAsync(db, cancellationToken);
        return (count, examplesRemoved);
    }

    private async Task<(int Count, bool ExamplesRemoved)> AnonymiseDueAsync(AgentConsoleDbContext db, int days, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-days);
        var due = await db.Conversations
            .Where(c => c.LastActivityAt < cutoff && (c.AnonymisedAt == null || c.AnonymisedAt < c.LastActivityAt))
            .Where(c => !db.Cases.Any(k => k.ConversationId == c.Id && k.Status != CaseStatus.Resolved))
            .OrderBy(c => c.LastActivityAt).Select(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);
        if (due.Count == 0) return (0, false);

        var anonymised = await ConversationAnonymiser.AnonymiseAsync(db, due, now, cancellationToken);
        db.Erasures.Add(new ErasureRecord(ErasureKind.Retention, Actor, null, due.Count, anonymised.Rows, now));
        await db.SaveChangesAsync(cancellationToken);
        return (due.Count, anonymised.ExamplesRemoved);
    }
}
