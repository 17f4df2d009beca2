using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Chat.Gaps;

/// <summary>One step of a conversation written by <see cref="GapHistory"/>, a minute after the one before.</summary>
internal abstract record GapStep;

/// <summary>The customer writes <paramref name="Text"/>.</summary>
internal sealed record Asks(string Text) : GapStep;

/// <summary>The bot answers with <paramref name="Confidence"/>, from <paramref name="PassageId"/> (asking "Did that help?") or from no article.</summary>
internal sealed record Answers(string Text, double Confidence, string? PassageId = null) : GapStep;

/// <summary>The customer says the answer did not help, and the bot records its attempt as failed, as the built-in bot does.</summary>
internal sealed record SaysNo(string Text) : GapStep;

/// <summary>The conversation escalates for <paramref name="Reason"/>; with <paramref name="OnLastCustomerMessage"/> the reason names the customer's latest message, as the human-request trigger does.</summary>
internal sealed record Escalates(ReasonCategory Reason, string Trigger, bool OnLastCustomerMessage = false) : GapStep;

/// <summary>An agent replies.</summary>
internal sealed record AgentSays(string Text) : GapStep;

/// <summary>
/// Writes conversations straight into the store as ingestion and the built-in bot leave them: the
/// transcript, the bot message's ledger entry with the passage it answered with (the <c>awaiting</c>
/// payload <c>BuiltInBot</c> writes), failed attempts and cases with their reasons.
/// </summary>
internal sealed class GapHistory(IDbContextFactory<AgentConsoleDbContext> factory, Guid integrationId)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);
    private int _conversations;

    /// <summary>A conversation started at <paramref name="start"/>, its steps a minute apart from then.</summary>
    public async Task<Guid> ConversationAsync(DateTime start, params GapStep[] steps)
    {
        await using var db = await factory.CreateDbContextAsync();
        var n = Interlocked.Increment(ref _conversations);
        var conversation = new Conversation(integrationId, $"gap-{n}", "chat", start);
        db.Conversations.Add(conversation);
        Message? lastCustomer = null;
        string? lastQuestion = null;
        for (var i = 0; i < steps.Length; i++)
        {
            var at = start.AddMinutes(i + 1);
            switch (steps[i])
            {
                case Asks c:
                    lastCustomer = conversation.AddMessage(MessageAuthor.Customer, c.Text, at, $"{n}-c{i}");
                    lastQuestion = c.Text;
                    db.Messages.Add(lastCustomer);
                    break;
                case Answers b:
                    var id = $"bot-{n}-{i}";
                    db.Messages.Add(conversation.AddMessage(MessageAuthor.Bot, b.Text, at, id, b.Confidence));
                    db.InboundEvents.Add(new InboundEvent(conversation.Id, id, BotMessageEvent.TypeName, at, at, JsonSerializer.Serialize(new
                    {
                        id, type = BotMessageEvent.TypeName, text = b.Text, confidence = b.Confidence,
                        awaiting = b.PassageId is null ? null : new { passageId = b.PassageId, description = b.PassageId, question = lastQuestion, triedArticles = new[] { b.PassageId.Split('#')[0] } },
                    }, PayloadJson)));
                    break;
                case SaysNo no:
                    lastCustomer = conversation.AddMessage(MessageAuthor.Customer, no.Text, at, $"{n}-c{i}");
                    db.Messages.Add(lastCustomer);
                    db.AttemptedSolutions.Add(conversation.RecordAttempt(AttemptSource.Bot, "the answer", AttemptOutcome.Failed, at, $"bot-{n}-{i}-attempt"));
                    break;
                case Escalates e:
                    // The request's message needs its id before a reason can name it.
                    await db.SaveChangesAsync();
                    var reason = new EscalationReason(e.Reason, e.Trigger, "evidence", e.OnLastCustomerMessage ? lastCustomer!.Id : null);
                    db.Cases.Add(new Case(conversation, EscalationDecision.Escalated([reason], IssueCategory.Other, 0.9, CasePriority.Normal,
                        Skill.ProductTraining, AgentTier.Frontline, 0, SentimentTrend.Steady), "briefing", at));
                    break;
                case AgentSays a:
                    db.Messages.Add(conversation.AddMessage(MessageAuthor.Agent, a.Text, at));
                    break;
            }
            await db.SaveChangesAsync();
        }
        return conversation.Id;
    }
}
