using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AgentConsole.Tests.Core.Data;

/// <summary>The hot paths' hand-written statements, on each provider.</summary>
public sealed class PreparedCommandsTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private TempDatabase _database = null!;
    private PooledDbContextFactory<AgentConsoleDbContext> _factory = null!;

    private async Task OnAsync(string provider)
    {
        _database = await TempDatabase.CreateAsync(provider);
        _factory = _database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(_factory);
    }

    public void Dispose() => _database?.Dispose();

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task AStatementIsMadeOncePerConnectionAndFollowsTheCurrentTransaction(string provider)
    {
        await OnAsync(provider);
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        StoreColumn[] columns = [StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.ExternalId))];
        const string sql = """SELECT COUNT(*) FROM "Conversations" WHERE "ExternalId" = @p0""";

        var outside = PreparedCommands.For(db, sql, columns);
        var transactionBefore = outside.Transaction;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inside = PreparedCommands.For(db, sql, columns);

        Assert.Same(outside, inside);
        Assert.Null(transactionBefore);
        Assert.Same(transaction.GetDbTransaction(), inside.Transaction);
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task ValuesAreStoredAsTheModelMapsThem(string provider)
    {
        await OnAsync(provider);
        // A GUID, an enum and a UTC time written by hand must read back through EF exactly as EF writes them.
        var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Now);
        await using (var setup = await _factory.CreateDbContextAsync())
        {
            setup.Add(integration);
            await setup.SaveChangesAsync();
        }
        var conversation = new Conversation(integration.Id, "c-mapped", "web", Now);
        conversation.AddMessage(MessageAuthor.Customer, "hello", Now.AddMinutes(3));

        await using (var db = await _factory.CreateDbContextAsync())
        {
            await using var transaction = await WriteTransaction.BeginAsync(db);
            new RowInserter<Conversation>(db, nameof(Conversation.Id), nameof(Conversation.IntegrationId), nameof(Conversation.ExternalId),
                    nameof(Conversation.Channel), nameof(Conversation.Stage), nameof(Conversation.CreatedAt), nameof(Conversation.LastActivityAt),
                    nameof(Conversation.FirstCustomerMessageAt))
                .TryInsert(conversation.Id, integration.Id, "c-mapped", "web", conversation.Stage, Now, conversation.LastActivityAt, conversation.FirstCustomerMessageAt);
            await transaction.CommitAsync();
        }

        await using var read = await _factory.CreateDbContextAsync();
        var stored = await read.Conversations.SingleAsync(c => c.Id == conversation.Id && c.Stage == ConversationStage.WithBot);
        Assert.Equal(Now.AddMinutes(3), stored.LastActivityAt);
        Assert.Equal(DateTimeKind.Utc, stored.FirstCustomerMessageAt!.Value.Kind);
        var text = await read.Database.SqlQuery<string>($"""SELECT CAST("Id" AS TEXT) AS "Value" FROM "Conversations" WHERE "ExternalId" = 'c-mapped'""").SingleAsync();
        // SQLite keeps a GUID as upper-case text, as EF writes it; PostgreSQL as a uuid.
        Assert.Equal(provider == DatabaseOptions.SqliteProvider ? conversation.Id.ToString().ToUpperInvariant() : conversation.Id.ToString(), text);
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task ACommandIsForgottenWhenItsConnectionClosesSoAPooledHandleIsNeverShared(string provider)
    {
        await OnAsync(provider);
        // A closed connection disposes its commands and hands its SQLite handle back to the pool, where another connection may take it.
        await using var db = await _factory.CreateDbContextAsync();
        StoreColumn[] columns = [StoreColumn.Of<Conversation>(db.Model, nameof(Conversation.ExternalId))];
        const string sql = """SELECT COUNT(*) FROM "Conversations" WHERE "ExternalId" = @p0""";
        await db.Database.OpenConnectionAsync();
        var first = PreparedCommands.For(db, sql, columns);
        PreparedCommands.Bind(first, columns, "c1").ExecuteScalar();
        await db.Database.CloseConnectionAsync();

        await db.Database.OpenConnectionAsync();
        var second = PreparedCommands.For(db, sql, columns);

        Assert.NotSame(first, second);
        Assert.Equal(0L, PreparedCommands.Bind(second, columns, "c1").ExecuteScalar());
        await db.Database.CloseConnectionAsync();
        Assert.Throws<InvalidOperationException>(() => PreparedCommands.For(db, sql, columns));
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task InsertedKeysAreTheRowsOwnInTheirOrder(string provider)
    {
        await OnAsync(provider);
        var conversation = await StoredConversationAsync("c-keys");
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        var insert = new RowInserter<Message>(db, nameof(Message.ConversationId), nameof(Message.Author), nameof(Message.Text), nameof(Message.SentAt));
        var before = insert.InsertKeys([[conversation.Id, MessageAuthor.Bot, "earlier", Now]]);

        var keys = insert.InsertKeys([.. new[] { "first", "second", "third" }.Select(text => new object?[] { conversation.Id, MessageAuthor.Customer, text, Now })]);
        await transaction.CommitAsync();

        Assert.Equal([before[0] + 1, before[0] + 2, before[0] + 3], keys);
        Assert.Equal(3, keys.Distinct().Count());
        await using var read = await _factory.CreateDbContextAsync();
        var texts = await read.Messages.Where(m => keys.Contains(m.Id)).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
        Assert.Equal(["first", "second", "third"], texts);
    }

    [SkippableTheory, MemberData(nameof(TempDatabase.Providers), MemberType = typeof(TempDatabase))]
    public async Task AllOrNothingInsertStoresNoneOfTheRowsWhenOneIsAlreadyThereAndTheTransactionGoesOn(string provider)
    {
        await OnAsync(provider);
        var conversation = await StoredConversationAsync("c-ledger");
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        var insert = new RowInserter<InboundEvent>(db, nameof(InboundEvent.ConversationId), nameof(InboundEvent.EventId), nameof(InboundEvent.Type),
            nameof(InboundEvent.OccurredAt), nameof(InboundEvent.ReceivedAt), nameof(InboundEvent.Payload));
        object?[] Row(string id) => [conversation.Id, id, "customer.message", Now, Now, "{}"];

        Assert.True(insert.TryInsertEvery([Row("e1"), Row("e2")]));
        Assert.False(insert.TryInsertEvery([Row("e3"), Row("e2"), Row("e4")]));
        Assert.False(insert.TryInsertEvery([Row("e5"), Row("e5")]));
        Assert.True(insert.TryInsertEvery([Row("e6")]));
        await transaction.CommitAsync();

        await using var read = await _factory.CreateDbContextAsync();
        var stored = await read.InboundEvents.Where(e => e.ConversationId == conversation.Id).OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync();
        Assert.Equal(["e1", "e2", "e6"], stored);
    }

    private async Task<Conversation> StoredConversationAsync(string externalId)
    {
        var integration = new AgentConsole.Core.Integrations.Integration("bot-" + externalId, "0123456789abcdef" + externalId, Now);
        var conversation = new Conversation(integration.Id, externalId, "web", Now);
        await using var setup = await _factory.CreateDbContextAsync();
        setup.Add(integration);
        setup.Add(conversation);
        await setup.SaveChangesAsync();
        return conversation;
    }
}
