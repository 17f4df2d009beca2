using System.Globalization;
using System.Text;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Audit;

/// <summary>What the audit page filters by: an action, an actor's name, and a range of UTC days (both ends included).</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One page of the audit log, newest first, and how many entries match in all.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Reads the audit log for admins: filtered, newest first, paged, or as CSV. It never changes an entry.</summary>
public sealed class AuditLog(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>The most entries one CSV export holds (the newest).</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>Page <paramref name="page"/> (from 0) of <paramref name="pageSize"/> entries that match <paramref name="filter"/>.</summary>
    public async Task<AuditLogPage> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var entries = await Newest(matching).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditLogPage(entries, total);
    }

    /// <summary>The names of everyone who has an entry, for the actor filter.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Select(e => e.ActorName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
    }

    /// <summary>The entries that match <paramref name="filter"/> as CSV (RFC 4180), newest first, at most <see cref="MaxExportRows"/>.</summary>
    public async Task<string> CsvAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await Newest(Matching(db, filter)).Take(MaxExportRows).ToListAsync(cancellationToken);
        var csv = new StringBuilder("at,actor_id,actor,action,target,detail\r\n");
        foreach (var e in entries)
            csv.AppendJoin(',', new[] { e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorId, e.ActorName, e.Action, e.Target, e.Detail ?? "" }.Select(Field)).Append("\r\n");
        return csv.ToString();
    }

    private static IQueryable<AuditEntry> Matching(AgentConsoleDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action)) entries = entries.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) entries = entries.Where(e => e.ActorName == filter.Actor);
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At < end);
        }
        return entries;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries) => entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private static string Field(string value) => Common.CsvField.Escape(value);
}
