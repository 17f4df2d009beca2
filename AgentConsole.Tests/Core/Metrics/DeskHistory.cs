using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Metrics;

/// <summary>
/// Writes a desk's past straight into the store, as ingestion, the engine and the customers would
/// have left it: conversations with their customer, transcript and the bot's leading category, cases
/// with their event log (whatever <c>history</c> does to them, each step at its own instant), and ratings.
/// </summary>
internal sealed class DeskHistory(EngineHarness h)
{
    private int _conversations;

    /// <summary>A conversation started at <paramref name="createdAt"/>, with its messages (author and instant) in order.</summary>
    public async Task<Guid> ConversationAsync(DateTime createdAt, string channel = "web", CustomerTier tier = CustomerTier.Free,
        IssueCategory? botGuess = null, params (MessageAuthor Author, DateTime At)[] messages)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _conversations);
        var customer = new Customer($"metrics-customer-{n}", createdAt);
        customer.Apply(new CustomerProfile { Tier = tier }, createdAt);
        var conversation = new Conversation(h.Integration, $"metrics-{n}", channel, createdAt);
        conversation.AttachCustomer(customer);
        db.Conversations.Add(conversation);
        foreach (var (author, at) in messages) db.Messages.Add(conversation.AddMessage(author, $"{author} at {at:HH:mm}", at));
        if (botGuess is { } guess)
            db.TriggerStates.Add(new TriggerStateRecord(conversation.Id, new TriggerState { CategoryMass = { [guess] = 1.0 } }, createdAt));
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    /// <summary>Appends messages (author and instant) to <paramref name="conversationId"/>; a customer's reopens a resolved conversation with the bot.</summary>
    public async Task MessagesAsync(Guid conversationId, params (MessageAuthor Author, DateTime At)[] messages)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        foreach (var (author, at) in messages) db.Messages.Add(conversation.AddMessage(author, $"{author} at {at:HH:mm}", at));
        await db.SaveChangesAsync();
    }

    /// <summary>Escalates <paramref name="conversationId"/> at <paramref name="openedAt"/>, then lets <paramref name="history"/> move the case (agents passed to it are the context's own).</summary>
    public async Task<long> CaseAsync(Guid conversationId, DateTime openedAt, IssueCategory category = IssueCategory.Billing, Skill skill = Skill.Billing,
        Action<Case, Func<Agent, Agent>>? history = null)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        var agents = await db.Agents.ToDictionaryAsync(a => a.Id);
        var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "human-request", "evidence")],
            category, 0.9, CasePriority.Normal, skill, AgentTier.Specialist, -0.2, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, "briefing", openedAt);
        history?.Invoke(@case, a => agents[a.Id]);
        db.Cases.Add(@case);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    /// <summary>The customer writes <paramref name="text"/> to whoever has <paramref name="caseId"/>; ingestion's detector records any complaint of repeating.</summary>
    public async Task CustomerWritesAfterHandoffAsync(Guid conversationId, long caseId, string text, DateTime at)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        var message = conversation.AddMessage(MessageAuthor.Customer, text, at);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        RepeatMentions.Append(db, caseId, [message]);
        await transaction.CommitAsync();
    }

    /// <summary>An agent's flag on <paramref name="caseId"/>.</summary>
    public async Task FlagAsync(long caseId, CaseFlag flag, Guid agentId, DateTime at)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var @case = await db.Cases.Include(c => c.Flags).SingleAsync(c => c.Id == caseId);
        @case.Flag(flag, null, at, ActorKind.Agent, agentId.ToString());
        await db.SaveChangesAsync();
    }

    /// <summary>The customer's rating of the case <paramref name="caseId"/>, or of the bot alone when it is null.</summary>
    public async Task RatingAsync(Guid conversationId, long? caseId, int score, DateTime at)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        db.ChatRatings.Add(new ChatRating(conversationId, caseId, score, null, at));
        await db.SaveChangesAsync();
    }
}
