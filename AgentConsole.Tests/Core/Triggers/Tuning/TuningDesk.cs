using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Triggers.Tuning;

/// <summary>
/// Writes a desk's past for the tuning into a real store: conversations with their customer and bot
/// messages (a minute apart), the case each escalated into with the reasons that opened it, and the
/// agents' "unnecessary escalation" flags.
/// </summary>
internal sealed class TuningDesk(IDbContextFactory<AgentConsoleDbContext> dbFactory, Guid integration)
{
    private int _conversations;

    /// <summary>A desk on <paramref name="dbFactory"/>'s store, with an integration of its own.</summary>
    public static async Task<TuningDesk> CreateAsync(IDbContextFactory<AgentConsoleDbContext> dbFactory, DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var bot = new AgentConsole.Core.Integrations.Integration($"Tuning bot {Guid.NewGuid():N}", $"tuning-key-{Guid.NewGuid():N}", now);
        db.Integrations.Add(bot);
        await db.SaveChangesAsync();
        return new TuningDesk(dbFactory, bot.Id);
    }

    /// <summary>A reason as the trigger engine writes it for a keyword said <paramref name="times"/> times.</summary>
    public static EscalationReason KeywordRepeat(string keyword, int times) =>
        new(ReasonCategory.Sentiment, "keyword-repeat", $"\"{keyword}\" said {times} times");

    public static EscalationReason Reason(string trigger) => new(ReasonCategory.Complexity, trigger, $"evidence for {trigger}");

    /// <summary>A one-message conversation escalated at <paramref name="openedAt"/> for <paramref name="reasons"/>, flagged unnecessary by as many agents as <paramref name="flags"/> says.</summary>
    public async Task<long> CaseAsync(DateTime openedAt, int flags, params EscalationReason[] reasons)
    {
        var (_, caseId) = await ConversationAsync(openedAt, [(MessageAuthor.Customer, "a customer's question")], reasons, flags);
        return caseId!.Value;
    }

    /// <summary>
    /// A conversation started at <paramref name="start"/> with <paramref name="messages"/> a minute
    /// apart; with <paramref name="escalatedFor"/> it escalated at its last message, and
    /// <paramref name="flags"/> agents flagged the case unnecessary.
    /// </summary>
    public async Task<(Guid ConversationId, long? CaseId)> ConversationAsync(DateTime start, IReadOnlyList<(MessageAuthor Author, string Text)> messages,
        EscalationReason[]? escalatedFor = null, int flags = 0)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _conversations);
        var customer = new Customer($"tuning-customer-{n}-{Guid.NewGuid():N}", start);
        var conversation = new Conversation(integration, $"tuning-{n}-{Guid.NewGuid():N}", "web", start);
        conversation.AttachCustomer(customer);
        db.Conversations.Add(conversation);
        var at = start;
        for (var i = 0; i < messages.Count; i++)
        {
            at = start.AddMinutes(i);
            db.Messages.Add(conversation.AddMessage(messages[i].Author, messages[i].Text, at, botConfidence: messages[i].Author == MessageAuthor.Bot ? 0.9 : null));
        }
        Case? @case = null;
        if (escalatedFor is not null)
        {
            var decision = EscalationDecision.Escalated(escalatedFor, IssueCategory.Billing, 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Frontline, -0.2, SentimentTrend.Steady);
            @case = new Case(conversation, decision, "briefing", at);
            for (var f = 0; f < flags; f++) @case.Flag(CaseFlag.UnnecessaryEscalation, null, at.AddMinutes(30), ActorKind.Agent, $"agent-{f}");
            db.Cases.Add(@case);
        }
        await db.SaveChangesAsync();
        return (conversation.Id, @case?.Id);
    }

    /// <summary>Customer and bot messages, alternating, starting with the customer.</summary>
    public static (MessageAuthor, string)[] Alternating(params string[] texts) =>
        texts.Select((t, i) => (i % 2 == 0 ? MessageAuthor.Customer : MessageAuthor.Bot, t)).ToArray();
}
