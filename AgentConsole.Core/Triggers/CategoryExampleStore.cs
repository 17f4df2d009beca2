using AgentConsole.Core.Audit;
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

    /// <summary>Adds an example as <paramref name="by"/>, with its audit entry, and retrains the classifier.</summary>
    public async Task<CategoryExampleRecord> AddAsync(IssueCategory category, string text, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = time.UtcNowDateTime();
        var record = new CategoryExampleRecord(category, text, seeded: false, now);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            db.CategoryExamples.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            AuditTrail.Record(db, by, AuditActions.ExampleAdded, AuditTarget(record.Id), new { category = category.ToString(), text = record.Text }, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(cancellationToken);
        return record;
    }

    /// <summary>Changes an example's category or text as <paramref name="by"/>, with its audit entry, and retrains the classifier.</summary>
    public async Task EditAsync(int id, IssueCategory category, string text, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = time.UtcNowDateTime();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var record = await db.CategoryExamples.FindAsync([id], cancellationToken) ?? throw new DomainException($"No example {id}.");
            var before = new { category = record.Category.ToString(), text = record.Text };
            record.Edit(category, text, now);
            AuditTrail.Record(db, by, AuditActions.ExampleEdited, AuditTarget(id), new { before, after = new { category = category.ToString(), text = record.Text } }, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Removes an example as <paramref name="by"/>, with its audit entry, and retrains the classifier.</summary>
    public async Task RemoveAsync(int id, AuditActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
            var record = await db.CategoryExamples.FindAsync([id], cancellationToken) ?? throw new DomainException($"No example {id}.");
            db.CategoryExamples.Remove(record);
            AuditTrail.Record(db, by, AuditActions.ExampleRemoved, AuditTarget(id), new { category = record.Category.ToString(), text = record.Text }, time.UtcNowDateTime());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>How the audit log names example <paramref name="id"/>.</summary>
    public static string AuditTarget(int id) => $"example {id}";
}
