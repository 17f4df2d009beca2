using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Settings;

/// <summary>
/// The stored settings and their history. A write changes the stored value, appends its
/// <see cref="SettingChange"/> (the values before and after) and the admins' audit-log entry that
/// points at it, in one transaction, so none is ever stored without the others.
/// </summary>
public sealed class SettingsStore(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Every stored value by key. Synchronous, for the configuration provider.</summary>
    public IReadOnlyDictionary<string, string> ReadAll()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Set<StoredSetting>().AsNoTracking().ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every stored setting, with who changed it last and when.</summary>
    public async Task<IReadOnlyList<StoredSetting>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<StoredSetting>().AsNoTracking().OrderBy(s => s.Key).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="key"/>, or removes the stored value when it
    /// is null, and records the change from <paramref name="oldValue"/> to <paramref name="newValue"/>
    /// (the values in effect before and after) by <paramref name="by"/>, in the history and the audit log. <paramref name="alongside"/>,
    /// when given, runs in the same transaction before it commits (a decision that the change carries
    /// out); a throw from it stores nothing.
    /// </summary>
    public async Task<SettingChange> WriteAsync(string key, string? value, string oldValue, string newValue, AuditActor by, CancellationToken cancellationToken = default,
        Func<AgentConsoleDbContext, SettingChange, CancellationToken, Task>? alongside = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(by);
        var changedBy = by.Name;
        var now = time.UtcNowDateTime();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var stored = await db.Set<StoredSetting>().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (value is null)
        {
            if (stored is null) throw new DomainException($"{key} has no stored value to reset.");
            db.Remove(stored);
        }
        else if (stored is null) db.Add(new StoredSetting(key, value, changedBy, now));
        else stored.Change(value, changedBy, now);

        var change = new SettingChange(key, oldValue, newValue, reset: value is null, changedBy, now);
        db.Add(change);
        if (alongside is not null) await alongside(db, change, cancellationToken);
        // The history keeps the values; the audit entry points at it by id, so the two never disagree.
        await db.SaveChangesAsync(cancellationToken);
        AuditTrail.Record(db, by, value is null ? AuditActions.SettingReset : AuditActions.SettingChanged, key, new { settingChangeId = change.Id }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    /// <summary>The latest changes, newest first, optionally of one key only.</summary>
    public async Task<IReadOnlyList<SettingChange>> HistoryAsync(int take, string? key = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changes = db.Set<SettingChange>().AsNoTracking();
        if (key is not null) changes = changes.Where(c => c.Key == key);
        return await changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
    }
}
