using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration.Cluster;

/// <summary>
/// On PostgreSQL, with scoped writers (<see cref="IngestionOptions.PostgresScopedWriters"/>), a batch locks its conversation, not the store: batches of other conversations (from the node's
/// other writers, or other nodes) are written beside it, a batch of the same conversation waits for it, and a batch
/// that opens a case waits for the whole store: from the start when its own messages escalate, else after it found
/// it opens one. On SQLite every write transaction holds the whole store.
/// </summary>
public sealed class ConversationWriteScopeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task OnlyTheBatchesOfAHeldConversationAndThoseThatOpenACaseWaitForIt()
    {
        // Arrange: a writer holds the conversation "held" (as a batch of another node would), not yet committed.
        using var database = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var (factory, integrationId) = await StoreAsync(database);
        await using var ingestor = Ingestor(factory);
        await using var holder = await factory.CreateDbContextAsync();
        var held = await WriteTransaction.BeginAsync(holder, WriteScope.Conversation(integrationId, "held", null));
        Assert.False(held.HoldsWholeStore);

        // Act and assert: a calm batch of another conversation is written while "held" is held.
        var other = await ingestor.IngestAsync(integrationId, "other", Batch("other-1", "Where can I see my last invoice?")).WaitAsync(Patience);
        Assert.Equal(1, other.NewEvents);
        Assert.Null(other.OpenedCaseId);

        // A batch of the held conversation waits for its lock; one that asks for a person waits for the whole store.
        var same = ingestor.IngestAsync(integrationId, "held", Batch("held-1", "And the one before that?"));
        var escalating = ingestor.IngestAsync(integrationId, "escalating", Batch("escalating-1", "Could you put me through to one of your staff, please? This is going nowhere."));
        await Eventually.HoldsAsync(() => WaitingAsync(factory, WriteScope.ConversationLockSpace, "ExclusiveLock"), Patience, "the held conversation's batch waits for its lock");
        await Eventually.HoldsAsync(() => WaitingAsync(factory, 7271006, "ExclusiveLock"), Patience, "the escalating batch waits for the store's write lock");
        Assert.False(same.IsCompleted);
        Assert.False(escalating.IsCompleted);

        await held.CommitAsync();
        await held.DisposeAsync();
        var sameResult = await same.WaitAsync(Patience);
        var escalated = await escalating.WaitAsync(Patience);
        Assert.Equal(1, sameResult.NewEvents);
        Assert.NotNull(escalated.OpenedCaseId);

        // The batch that asks for a person took the whole store from the start: stored once, one case.
        await using var db = await factory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.ExternalId == "escalating");
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == conversation.Id));
        Assert.Equal(1, await db.InboundEvents.CountAsync(e => e.ConversationId == conversation.Id));
        Assert.Equal(escalated.OpenedCaseId, await db.Cases.Where(k => k.ConversationId == conversation.Id).Select(k => (long?)k.Id).SingleAsync());
    }

    [SkippableFact]
    public async Task ABatchThatOpensACaseOnlyWithWhatCameBeforeItStartsAgainHoldingTheWholeStore()
    {
        // Arrange: a conversation whose bot has already answered once with low confidence; another conversation is held.
        using var database = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var (factory, integrationId) = await StoreAsync(database);
        await using var ingestor = Ingestor(factory);
        var conversation = $"unsure-{Guid.NewGuid():N}";
        var first = await ingestor.IngestAsync(integrationId, conversation, Exchange("1", "My report looks odd", "Try refreshing the page.", 0.3));
        Assert.Null(first.OpenedCaseId);
        var evaluations = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentConsole.Core.Telemetry.DeskActivity.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.OperationName == AgentConsole.Core.Telemetry.DeskActivity.TriggerEvaluate && (string?)a.Parent?.GetTagItem("agentconsole.conversation.external_id") == conversation)
                    evaluations.Enqueue(a);
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var holder = await factory.CreateDbContextAsync();
        var held = await WriteTransaction.BeginAsync(holder, WriteScope.Conversation(integrationId, "held", null));

        // Act: a second low-confidence answer, which escalates only after the first (alone it would not).
        var second = ingestor.IngestAsync(integrationId, conversation, Exchange("2", "Still odd", "Maybe clear your cache?", 0.2));

        // Assert: it began within its conversation, found that it opens a case, and waits for the whole store.
        await Eventually.HoldsAsync(() => WaitingAsync(factory, 7271006, "ExclusiveLock"), Patience, "the batch that opens a case waits for the store's write lock");
        Assert.False(second.IsCompleted);
        await held.CommitAsync();
        await held.DisposeAsync();
        var result = await second.WaitAsync(Patience);
        Assert.NotNull(result.OpenedCaseId);
        Assert.Equal(2, result.NewEvents);
        var restarted = Assert.Single(evaluations, e => e.GetTagItem(ConversationIngestor.RestartedTag) is true);
        Assert.Equal(true, restarted.GetTagItem("agentconsole.escalate"));
        await using var db = await factory.CreateDbContextAsync();
        var stored = await db.Conversations.SingleAsync(c => c.ExternalId == conversation);
        Assert.Equal(4, await db.Messages.CountAsync(m => m.ConversationId == stored.Id));
        Assert.Equal(1, await db.Cases.CountAsync(k => k.ConversationId == stored.Id));
    }

    [SkippableFact]
    public async Task ABatchThatNamesACustomerWaitsForAnotherConversationWritingThatCustomer()
    {
        // Arrange: a batch of another conversation that names the customer cust-77 is being written.
        using var database = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var (factory, integrationId) = await StoreAsync(database);
        await using var ingestor = Ingestor(factory);
        await using var holder = await factory.CreateDbContextAsync();
        var held = await WriteTransaction.BeginAsync(holder, WriteScope.Conversation(integrationId, "elsewhere", "cust-77"));
        var customer = new CustomerReference("cust-77", new CustomerProfile { Name = "Dana Whitfield" });

        // Act: two batches of new conversations naming that customer, and one naming no one.
        var first = ingestor.IngestAsync(integrationId, "first", Batch("first-1", "Hello, is my parcel on its way?") with { Customer = customer });
        var second = ingestor.IngestAsync(integrationId, "second", Batch("second-1", "Also, can I change the address?") with { Customer = customer });
        var anonymous = await ingestor.IngestAsync(integrationId, "anonymous", Batch("anonymous-1", "What are your opening hours?")).WaitAsync(Patience);

        // Assert: the batches naming the customer wait for its lock, the other does not; then the customer is created once.
        Assert.Equal(1, anonymous.NewEvents);
        await Eventually.HoldsAsync(() => WaitingAsync(factory, WriteScope.CustomerLockSpace, "ExclusiveLock"), Patience, "a batch naming the customer waits for its lock");
        Assert.False(first.IsCompleted && second.IsCompleted);
        await held.CommitAsync();
        await held.DisposeAsync();
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.All(results, r => Assert.Equal(1, r.NewEvents));
        await using var db = await factory.CreateDbContextAsync();
        var stored = await db.Customers.SingleAsync(c => c.ExternalId == "cust-77");
        Assert.Equal(2, await db.Conversations.CountAsync(c => c.CustomerId == stored.Id));
    }

    [SkippableFact]
    public async Task WithoutScopedWritersEveryBatchHoldsTheWholeStore()
    {
        // Arrange: the default ingestor (no scoped writers); a conversation is held by another writer.
        using var database = await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider);
        var (factory, integrationId) = await StoreAsync(database);
        await using var ingestor = new ConversationIngestor(factory, TimeProvider.System, new TriggerEngine(new KeywordClassifier(), () => new TriggerOptions()));
        await using var holder = await factory.CreateDbContextAsync();
        var held = await WriteTransaction.BeginAsync(holder, WriteScope.Conversation(integrationId, "held", null));

        // Act: a calm batch of another conversation.
        var other = ingestor.IngestAsync(integrationId, "other", Batch("other-1", "Where can I see my last invoice?"));

        // Assert: it waits for the store's write lock, and is written once the held conversation's writer commits.
        await Eventually.HoldsAsync(() => WaitingAsync(factory, 7271006, "ExclusiveLock"), Patience, "the batch waits for the whole store");
        Assert.False(other.IsCompleted);
        await held.CommitAsync();
        await held.DisposeAsync();
        Assert.Equal(1, (await other.WaitAsync(Patience)).NewEvents);
    }

    [Fact]
    public async Task OnSqliteEveryWriteTransactionHoldsTheWholeStore()
    {
        using var database = TempDatabase.OnSqlite();
        var factory = database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(factory);
        await using var db = await factory.CreateDbContextAsync();

        await using var transaction = await WriteTransaction.BeginAsync(db, WriteScope.Conversation(Guid.NewGuid(), "any", "someone"));

        Assert.True(transaction.HoldsWholeStore);
    }

    // An ingestor with scoped writers (IngestionOptions.PostgresScopedWriters), so batches can wait side by side.
    private static ConversationIngestor Ingestor(IDbContextFactory<AgentConsoleDbContext> factory) =>
        new(factory, TimeProvider.System, new TriggerEngine(new KeywordClassifier(), () => new TriggerOptions()),
            options: Microsoft.Extensions.Options.Options.Create(new IngestionOptions { PostgresScopedWriters = 4 }));

    private static EventBatch Exchange(string id, string customer, string bot, double confidence) =>
        new(null, null, null, [new CustomerMessageEvent($"c{id}", DateTime.UtcNow, "{}", customer), new BotMessageEvent($"b{id}", DateTime.UtcNow, "{}", bot, confidence)]);

    private static EventBatch Batch(string id, string text) =>
        new(null, null, null, [new CustomerMessageEvent(id, DateTime.UtcNow, "{}", text)]);

    // The database migrated, with a bot integration to post as.
    private static async Task<(IDbContextFactory<AgentConsoleDbContext> Factory, Guid IntegrationId)> StoreAsync(TempDatabase database)
    {
        var factory = database.CreateFactory();
        await DatabaseInitializer.MigrateAsync(factory);
        await using var db = await factory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("Scope bot", $"ac_scope_{Guid.NewGuid():N}", DateTime.UtcNow);
        db.Integrations.Add(integration);
        await db.SaveChangesAsync();
        return (factory, integration.Id);
    }

    // Whether a session of this database waits for an advisory lock whose first key is space, in the given mode.
    private static async Task<bool> WaitingAsync(IDbContextFactory<AgentConsoleDbContext> factory, int space, string mode)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Database.SqlQuery<bool>(
            $"""SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = {space}::oid AND objsubid = 2 AND mode = {mode} AND NOT granted) AS "Value" """)
            .SingleAsync();
    }
}
