using AgentConsole.Core.Common;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers.Classification;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// The classifier's labelled examples in the store: seeded once from the project's file, editable
/// by admins, and pushed to the classifier whenever they change.
/// </summary>
public sealed class CategoryExampleStore(IDbContextFactory<AgentConsoleDbContext> dbFactory, IIssueClassifier classifier, TimeProvider time)
{
    /// <summary>Seeds the project's examples into an empty table, then loads the table into the classifier.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.CategoryExamples.AnyAsync(cancellationToken))
            {
                var now = time.UtcNowDateTime();
                db.CategoryExamples.AddRange(CategoryExamples.LoadDefault().Select(e => new CategoryExampleRecord(e.Category, e.Text, seeded: true, now)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Loads the stored examples, and the messages the desk taught its learned labels (<see cref="Learning.DeskLearning"/>), into the classifier.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var examples = await db.CategoryExamples.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new CategoryExample(e.Category, e.Text)).ToListAsync(cancellationToken);
        var learned = await Learning.DeskLearning.LearnedMessagesAsync(db, cancellationToken);
        classifier.SetExamples(examples);
        classifier.SetLearnedMessages(learned);
    }

    /// <summary>Adds an example and retrains the classifier.</summary>
    public async Task<CategoryExampleRecord> AddAsync(IssueCategory category, string text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = new CategoryExampleRecord(category, text, seeded: false, time.UtcNowDateTime());
        db.CategoryExamples.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await ReloadAsync(cancellationToken);
        return record;
    }

    /// <summary>Changes an example's category or text and retrains the classifier.</summary>
    public async Task EditAsync(int id, IssueCategory category, string text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.CategoryExamples.FindAsync([id], cancellationToken) ?? throw new DomainException($"No example {id}.");
        record.Edit(category, text, time.UtcNowDateTime());
        await db.SaveChangesAsync(cancellationToken);
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Removes an example and retrains the classifier.</summary>
    public async Task RemoveAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.CategoryExamples.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) throw new DomainException($"No example {id}.");
        await ReloadAsync(cancellationToken);
    }
}
