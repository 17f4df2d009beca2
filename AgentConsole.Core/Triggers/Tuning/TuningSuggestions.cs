using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// The stored tuning suggestions: computing new ones from the last <see cref="TuningOptions.Days"/>
/// days, listing them, replaying one, and an admin's decision on each. A suggestion changes no
/// setting until it is accepted; accepting applies its setting through the audited settings and
/// records the decision in the same transaction; rejecting records only the decision. A suggestion
/// is decided once.
/// </summary>
public sealed class TuningSuggestions(
    IDbContextFactory<AgentConsoleDbContext> dbFactory,
    TuningAdvisor advisor,
    TuningReplay replay,
    ITriggerSettingsEditor settings,
    IOptions<TuningOptions> options,
    TimeProvider time)
{
    private static readonly SettingCatalog Catalog = SettingCatalog.For<TriggerOptions>(TriggerOptions.Section);

    /// <summary>The span the suggestions and the replay read: the last <see cref="TuningOptions.Days"/> days up to now.</summary>
    public (DateTime Start, DateTime End) Window()
    {
        var now = time.UtcNowDateTime();
        return (now.AddDays(-options.Value.Days), now);
    }

    /// <summary>
    /// Proposes what the recent history speaks for and stores each proposal that no open suggestion
    /// already makes. Returns the suggestions it stored.
    /// </summary>
    public async Task<IReadOnlyList<TuningSuggestion>> ComputeAsync(CancellationToken cancellationToken = default)
    {
        var (start, end) = Window();
        var proposals = await advisor.ProposeAsync(start, end, settings.Current, options.Value, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var open = await db.Set<TuningSuggestion>().Where(s => s.Status == TuningSuggestionStatus.Proposed).ToListAsync(cancellationToken);
        var added = proposals.Where(p => !open.Any(s => s.Proposes(p))).Select(p => new TuningSuggestion(p, end)).ToList();
        db.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The suggestions waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<TuningSuggestion>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TuningSuggestion>().AsNoTracking().Where(s => s.Status == TuningSuggestionStatus.Proposed)
            .OrderBy(s => s.ProposedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The latest decided suggestions, newest decision first.</summary>
    public async Task<IReadOnlyList<TuningSuggestion>> DecidedAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TuningSuggestion>().AsNoTracking().Where(s => s.Status != TuningSuggestionStatus.Proposed)
            .OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>What accepting <paramref name="suggestionId"/> would have done to the decisions of the last <see cref="TuningOptions.Days"/> days.</summary>
    /// <exception cref="KeyNotFoundException">No such suggestion.</exception>
    public async Task<ReplayResult> ReplayAsync(long suggestionId, CancellationToken cancellationToken = default)
    {
        var suggestion = await FindAsync(suggestionId, cancellationToken);
        var current = settings.Current;
        var proposed = await settings.PreviewAsync(suggestion.SettingKey, Target(suggestion, current, checkCurrent: false), cancellationToken);
        var (start, end) = Window();
        return await replay.RunAsync(current, proposed, start, end, options.Value.ReplayMaxConversations, cancellationToken);
    }

    /// <summary>
    /// Accepts <paramref name="suggestionId"/> as <paramref name="by"/>: applies its setting
    /// through the audited settings and records the decision, both or neither.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such suggestion.</exception>
    /// <exception cref="SuggestionDecidedException">It was already decided.</exception>
    /// <exception cref="DomainException">The setting changed since it was proposed, or the value is not valid; nothing was stored.</exception>
    public async Task<TuningSuggestion> AcceptAsync(long suggestionId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var suggestion = await FindAsync(suggestionId, cancellationToken);
        if (suggestion.Status != TuningSuggestionStatus.Proposed) throw new SuggestionDecidedException(suggestion.Id, suggestion.Status, suggestion.DecidedBy);
        var target = Target(suggestion, settings.Current, checkCurrent: true);

        var change = await settings.ApplyAsync(suggestion.SettingKey, target, by, async (db, applied, ct) =>
        {
            var stored = await db.Set<TuningSuggestion>().SingleAsync(s => s.Id == suggestionId, ct);
            stored.Accept(by.Name, applied.ChangedAt, applied);
            AuditTrail.Record(db, by, AuditActions.SuggestionAccepted, stored.SettingKey, new { suggestionId, value = target }, applied.ChangedAt);
        }, cancellationToken);
        if (change is null)
        {
            // Someone else's decision may have put the value in effect in the meantime.
            var now = await FindAsync(suggestionId, cancellationToken);
            if (now.Status != TuningSuggestionStatus.Proposed) throw new SuggestionDecidedException(now.Id, now.Status, now.DecidedBy);
            throw new DomainException($"{suggestion.SettingKey} already has the proposed value; reject the suggestion instead.");
        }
        return await FindAsync(suggestionId, cancellationToken);
    }

    /// <summary>Rejects <paramref name="suggestionId"/> as <paramref name="by"/>; no setting changes.</summary>
    /// <exception cref="KeyNotFoundException">No such suggestion.</exception>
    /// <exception cref="SuggestionDecidedException">It was already decided.</exception>
    public async Task<TuningSuggestion> RejectAsync(long suggestionId, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var suggestion = await db.Set<TuningSuggestion>().SingleOrDefaultAsync(s => s.Id == suggestionId, cancellationToken)
            ?? throw new KeyNotFoundException($"No tuning suggestion {suggestionId}.");
        var now = time.UtcNowDateTime();
        suggestion.Reject(by.Name, now);
        AuditTrail.Record(db, by, AuditActions.SuggestionRejected, suggestion.SettingKey, new { suggestionId }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return suggestion;
    }

    private async Task<TuningSuggestion> FindAsync(long suggestionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TuningSuggestion>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == suggestionId, cancellationToken)
            ?? throw new KeyNotFoundException($"No tuning suggestion {suggestionId}.");
    }

    /// <summary>
    /// The canonical value accepting puts in effect: an added phrase joins the list as it is now; a
    /// threshold is the proposed one, and with <paramref name="checkCurrent"/> only while the value it
    /// was proposed against is still in effect (raising "from 3 to 4" must not lower a 5).
    /// </summary>
    private static string Target(TuningSuggestion suggestion, TriggerOptions current, bool checkCurrent)
    {
        var setting = Catalog.Find(suggestion.SettingKey) ?? throw new DomainException($"'{suggestion.SettingKey}' is not a trigger setting.");
        if (suggestion.Phrase is { } phrase)
        {
            var list = ((IEnumerable<string>?)setting.Read(current) ?? []).ToList();
            if (list.Contains(phrase, StringComparer.OrdinalIgnoreCase))
            {
                if (checkCurrent) throw new DomainException($"'{phrase}' is already in {suggestion.SettingKey}; reject the suggestion instead.");
                return SettingValues.Format(setting.Kind, list);
            }
            return SettingValues.Format(setting.Kind, list.Append(phrase).ToList());
        }
        var now = setting.ReadCanonical(current);
        if (checkCurrent && now != suggestion.CurrentValue)
            throw new DomainException($"{suggestion.SettingKey} changed since this was proposed (from {suggestion.CurrentValue} to {now}); compute the suggestions again or reject it.");
        return suggestion.ProposedValue;
    }
}
