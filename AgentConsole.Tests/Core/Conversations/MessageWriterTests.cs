using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Tests.Core.Conversations;

public sealed class MessageWriterTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;
    private Guid _conversationId;

    public MessageWriterTests() => _factory = _database.CreateFactory();

    public async Task InitializeAsync()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using var db = await _factory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Now);
        var conversation = new Conversation(integration.Id, "c1", "web", Now);
        db.AddRange(integration, conversation);
        await db.SaveChangesAsync();
        _conversationId = conversation.Id;
    }

    [Fact]
    public async Task StoresMessagesOfEveryAuthorInOrderAndGivesEachItsId()
    {
        await using var db = await _factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == _conversationId);
        var customer = conversation.AddMessage(MessageAuthor.Customer, "my invoice is wrong", Now, "e1");
        var bot = conversation.AddMessage(MessageAuthor.Bot, "let me check", Now.AddSeconds(1), "e2", 0.4);

        MessageWriter.Append(db, conversation.Messages);
        var agent = conversation.AddMessage(MessageAuthor.Agent, "I have refunded it", Now.AddSeconds(2));
        MessageWriter.Append(db, agent);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        Assert.True(customer.Id > 0 && bot.Id > customer.Id && agent.Id > bot.Id);
        await using var read = await _factory.CreateDbContextAsync();
        var stored = await read.Messages.Where(m => m.ConversationId == _conversationId).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Author, m.Text, m.EventId, m.BotConfidence, m.SentAt }).ToListAsync();
        Assert.Equal([customer.Id, bot.Id, agent.Id], stored.Select(m => m.Id));
        Assert.Equal([MessageAuthor.Customer, MessageAuthor.Bot, MessageAuthor.Agent], stored.Select(m => m.Author));
        Assert.Equal(("e2", 0.4), (stored[1].EventId, stored[1].BotConfidence));
        Assert.Null(stored[2].EventId);
        Assert.Equal(DateTimeKind.Utc, stored[2].SentAt.Kind);
    }

    [Fact]
    public async Task MessagesRollBackWithTheCallersTransaction()
    {
        await using (var db = await _factory.CreateDbContextAsync())
        await using (await WriteTransaction.BeginAsync(db))
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == _conversationId);
            MessageWriter.Append(db, conversation.AddMessage(MessageAuthor.Agent, "never sent", Now));
            // Disposed without a commit.
        }

        await using var read = await _factory.CreateDbContextAsync();
        Assert.False(await read.Messages.AnyAsync());
    }

    [Fact]
    public async Task RefusesToWriteOutsideATransactionOrToStoreAMessageTwice()
    {
        await using var db = await _factory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == _conversationId);
        var message = conversation.AddMessage(MessageAuthor.Agent, "hello", Now);

        Assert.Throws<InvalidOperationException>(() => MessageWriter.Append(db, message));
        await using var transaction = await WriteTransaction.BeginAsync(db);
        MessageWriter.Append(db, message);
        Assert.Throws<InvalidOperationException>(() => MessageWriter.Append(db, message));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
