using AgentConsole.Core.Audit;
using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat.Knowledge;

/// <summary>An article as the admin's list shows it.</summary>
/// <param name="Slug">The article's name.</param>
/// <param name="Title">The text of its <c># </c> line.</param>
/// <param name="Sections">How many passages the bot can answer with.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
/// <param name="UpdatedAt">When (UTC).</param>
/// <param name="Version">The stored version.</param>
public sealed record KnowledgeArticleSummary(string Slug, string Title, int Sections, string UpdatedBy, DateTime UpdatedAt, int Version);

/// <summary>
/// The built-in bot's articles in the store: seeded once from the articles that ship with the
/// project, then listed, read, created, edited and deleted by admins. Every change is checked by
/// <see cref="KnowledgeArticleParser"/> before anything is stored, refused when made from an older
/// version than the stored one, and put in effect in the <see cref="KnowledgeLibrary"/> before the
/// call returns, so the bot answers from it from its next message.
/// </summary>
public sealed class KnowledgeArticles(IDbContextFactory<AgentConsoleDbContext> dbFactory, KnowledgeLibrary library, TimeProvider time)
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ShippedArticles =
        new(() => KnowledgeResources.Articles().ToDictionary(a => a.Slug, a => a.Markdown, StringComparer.Ordinal));

    // Rebuilds take turns and each reads the store afresh, so the last one to finish holds every committed change.
    private readonly SemaphoreSlim _reloading = new(1, 1);

    /// <summary>Seeds the shipped articles into an empty table (a new store), then puts the stored articles in effect.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            if (!await db.KnowledgeArticles.AnyAsync(cancellationToken))
            {
                var now = time.UtcNowDateTime();
                db.KnowledgeArticles.AddRange(ShippedArticles.Value.Select(a => new KnowledgeArticleRecord(a.Key, a.Value, KnowledgeArticleRecord.ShippedBy, now)));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Every stored article, by slug.</summary>
    public async Task<IReadOnlyList<KnowledgeArticleSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.KnowledgeArticles.AsNoTracking().OrderBy(a => a.Slug).ToListAsync(cancellationToken);
        return records.Select(r =>
        {
            var article = r.Parse();
            return new KnowledgeArticleSummary(r.Slug, article.Title, article.Passages.Count, r.UpdatedBy, r.UpdatedAt, r.Version);
        }).ToList();
    }

    /// <summary>The stored article <paramref name="slug"/>, or null when there is none.</summary>
    public async Task<KnowledgeArticleRecord?> FindAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
    }

    /// <summary>The Markdown that ships with the project for <paramref name="slug"/>, or null when no shipped article has that name.</summary>
    public string? Shipped(string slug) => ShippedArticles.Value.GetValueOrDefault(slug);

    /// <summary>Stores a new article and puts it in effect.</summary>
    /// <exception cref="DomainException">The slug is taken, or the article is not valid (the parser's message); nothing was stored.</exception>
    public async Task<KnowledgeArticleRecord> CreateAsync(string slug, string markdown, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(by);
        var record = new KnowledgeArticleRecord(slug.Trim(), markdown, by.Name, time.UtcNowDateTime());
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            if (await db.KnowledgeArticles.AnyAsync(a => a.Slug == record.Slug, cancellationToken))
                throw new DomainException($"There is already an article named '{record.Slug}'. Choose another name, or edit that one.");
            db.KnowledgeArticles.Add(record);
            AuditTrail.Record(db, by, AuditActions.ArticleCreated, record.Slug, new { version = record.Version }, record.UpdatedAt);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await PutInEffectAsync();
        return record;
    }

    /// <summary>
    /// Replaces the Markdown of the article <paramref name="slug"/>, which the admin opened at
    /// <paramref name="expectedVersion"/>, and puts it in effect.
    /// </summary>
    /// <exception cref="KnowledgeArticleConflictException">The stored article is no longer at that version, or was deleted; nothing was stored.</exception>
    /// <exception cref="DomainException">The article is not valid (the parser's message); nothing was stored.</exception>
    public async Task<KnowledgeArticleRecord> UpdateAsync(string slug, string markdown, int expectedVersion, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        KnowledgeArticleRecord record;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            record = await CurrentAsync(db, slug, expectedVersion, cancellationToken);
            record.Edit(markdown, by.Name, time.UtcNowDateTime());
            AuditTrail.Record(db, by, AuditActions.ArticleEdited, slug, new { fromVersion = expectedVersion }, record.UpdatedAt);
            await SaveAsync(db, slug, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await PutInEffectAsync();
        return record;
    }

    /// <summary>Deletes the article <paramref name="slug"/>, which the admin saw at <paramref name="expectedVersion"/>, and stops answering from it.</summary>
    /// <exception cref="KnowledgeArticleConflictException">The stored article is no longer at that version, or was already deleted.</exception>
    /// <exception cref="DomainException">It is the last article: the bot needs at least one.</exception>
    public async Task DeleteAsync(string slug, int expectedVersion, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var record = await CurrentAsync(db, slug, expectedVersion, cancellationToken);
            if (await db.KnowledgeArticles.CountAsync(cancellationToken) == 1)
                throw new DomainException($"'{slug}' is the only article left, and the bot needs at least one to answer from. Add another article first.");
            db.KnowledgeArticles.Remove(record);
            AuditTrail.Record(db, by, AuditActions.ArticleDeleted, slug, new { version = expectedVersion, markdown = record.Markdown }, time.UtcNowDateTime());
            await SaveAsync(db, slug, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await PutInEffectAsync();
    }

    /// <summary>Puts the stored articles in effect: reads them all, embeds them, and swaps the library's retriever.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            List<(string Slug, string Markdown)> articles;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                articles = (await db.KnowledgeArticles.AsNoTracking().OrderBy(a => a.Slug).Select(a => new { a.Slug, a.Markdown }).ToListAsync(cancellationToken))
                    .Select(a => (a.Slug, a.Markdown)).ToList();
            }
            var knowledge = new KnowledgeBase(articles);
            // Embedding is CPU work; keep it off the caller's thread (a circuit's, say).
            await Task.Run(() => library.Replace(knowledge), cancellationToken);
        }
        finally
        {
            _reloading.Release();
        }
    }

    // The change is committed: it goes into effect even if the caller stops waiting now.
    private Task PutInEffectAsync() => ReloadAsync(CancellationToken.None);

    private static async Task<KnowledgeArticleRecord> CurrentAsync(AgentConsoleDbContext db, string slug, int expectedVersion, CancellationToken cancellationToken)
    {
        var record = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken)
            ?? throw new KnowledgeArticleConflictException(slug, null);
        if (record.Version != expectedVersion) throw new KnowledgeArticleConflictException(slug, record);
        return record;
    }

    // The version is the store's concurrency token: a writer that got past the check without the
    // write gate (a store without one) still cannot overwrite a newer version.
    private static async Task SaveAsync(AgentConsoleDbContext db, string slug, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var stored = await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
            throw new KnowledgeArticleConflictException(slug, stored);
        }
    }
}
