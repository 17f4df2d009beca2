using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers;

/// <summary>Reads the classifier's stored examples for the admin page; <see cref="CategoryExampleStore"/> changes them.</summary>
public class CategoryExampleQuery(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    /// <summary>How many examples each category has.</summary>
    public virtual async Task<IReadOnlyDictionary<IssueCategory, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CategoryExamples.GroupBy(e => e.Category).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>
    /// The examples of <paramref name="category"/> (every category when null) whose text contains
    /// <paramref name="contains"/> (ignoring case; everything when blank), by category and then in the order they were added.
    /// </summary>
    public virtual async Task<IReadOnlyList<CategoryExampleRecord>> ListAsync(IssueCategory? category, string? contains, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var examples = db.CategoryExamples.AsNoTracking();
        if (category is { } only) examples = examples.Where(e => e.Category == only);
        if (!string.IsNullOrWhiteSpace(contains))
        {
            var like = ContainsPattern.Of(contains);
            examples = examples.Where(e => EF.Functions.Like(e.Text.ToLower(), like, ContainsPattern.Escape));
        }
        return await examples.OrderBy(e => e.Category).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }
}
