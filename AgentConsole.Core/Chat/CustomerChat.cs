using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Chat;

/// <summary>
/// The customer's side of a widget conversation: start it, write, tell the desk which page is open,
/// read the transcript and status, and rate the help. What the customer writes goes through the
/// same <see cref="ConversationIngestor"/> as an external bot's events, under the built-in
/// channel's integration, so triggers, cases and routing see no difference.
/// </summary>
public sealed class CustomerChat(
    IDbContextFactory<AgentConsoleDbContext> dbFactory,
    ConversationIngestor ingestor,
    BuiltInChannel channel,
    ChatSignals signals,
    ChatBotInbox bot,
    QueueWaitEstimator waits,
    TimeProvider time,
    int maxTextLength = FieldLimits.WrittenText,
    ICaseSink? caseSink = null)
{
    private readonly ConditionalWeakTable<ChatSession, StrongBox<Guid>> _conversationIds = new();

    /// <summary>The channel name the widget's conversations carry.</summary>
    public const string ChannelName = "chat";

    /// <summary>The longest message a customer may send.</summary>
    public int MaxTextLength => maxTextLength;

    /// <summary>
    /// Starts a conversation; returns its token, which only the customer's browser keeps. The
    /// conversation exists from here on, with the page the customer has open. <paramref name="customer"/>
    /// ties it to a known customer: only callers inside the desk that know who the customer is may pass
    /// one (the demo's simulated customers); the public endpoint never does.
    /// </summary>
    public async Task<(string Token, ChatSession Session)> StartAsync(PageSnapshot? page, CancellationToken cancellationToken = default,
        CustomerReference? customer = null)
    {
        var token = ChatTokens.Generate();
        var session = new ChatSession(token, time.UtcNowDateTime());
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ChatSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
        }
        var at = time.UtcNowDateTime();
        var created = await ingestor.IngestAsync(await channel.IntegrationIdAsync(cancellationToken), session.ExternalId,
            new EventBatch(ChannelName, customer, page is null ? null : page with { At = page.At ?? at }, []), cancellationToken);
        _conversationIds.AddOrUpdate(session, new StrongBox<Guid>(created.ConversationId));
        return (token, session);
    }

    /// <summary>The session <paramref name="token"/> opens, or null: a malformed, unknown or guessed token opens nothing.</summary>
    public async Task<ChatSession?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ChatTokens.IsWellFormed(token)) return null;
        var hash = ChatTokens.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ChatSessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    /// <summary>
    /// Stores the customer's message. <paramref name="clientId"/> is the widget's id for it: sending
    /// it again (a retry after a lost reply) stores nothing new and returns the stored message.
    /// </summary>
    /// <exception cref="DomainException">The text is empty or too long, or the conversation is closed.</exception>
    public async Task<ChatMessage> SendAsync(ChatSession session, string clientId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        text = (text ?? "").Trim();
        if (text.Length == 0) throw new DomainException("A message needs text.");
        if (text.Length > maxTextLength) throw new DomainException($"A message may be at most {maxTextLength} characters.");
        var eventId = "c-" + clientId;
        var now = time.UtcNowDateTime();
        var json = JsonSerializer.Serialize(new { id = eventId, type = CustomerMessageEvent.TypeName, text });
        var result = await ingestor.IngestAsync(await channel.IntegrationIdAsync(cancellationToken), session.ExternalId,
            new EventBatch(ChannelName, null, null, [new CustomerMessageEvent(eventId, now, json, text)]), cancellationToken);
        // The built-in bot answers what reaches it while it has the conversation, and writes the handoff when this message opened a case.
        if (result.NewEvents > 0 && (result.Status == ConversationStatus.BotActive || result.OpenedCaseId is not null))
            bot.Post(new CustomerTurn(session.ExternalId, result.ConversationId, eventId, text, result.OpenedCaseId));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.ConversationId == result.ConversationId && m.EventId == eventId, cancellationToken);
        return ToChat(stored, null);
    }

    /// <summary>Records the page the customer has open, once per change.</summary>
    public async Task RecordPageAsync(ChatSession session, string url, string? title, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DomainException("A page is an absolute http or https URL.");
        var now = time.UtcNowDateTime();
        await ingestor.IngestAsync(await channel.IntegrationIdAsync(cancellationToken), session.ExternalId,
            new EventBatch(ChannelName, null, new PageSnapshot(url, title, now), []), cancellationToken);
    }

    /// <summary>The customer's transcript after the message <paramref name="after"/> (0 for all of it), oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> TranscriptAsync(ChatSession session, long after = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversationId = await ConversationIdAsync(db, session, cancellationToken);
        if (conversationId is null) return [];
        var rows = await (from m in db.Messages.AsNoTracking()
                          where m.ConversationId == conversationId && m.Id > after
                          join a in db.Agents on m.AgentId equals a.Id into agents
                          from a in agents.DefaultIfEmpty()
                          orderby m.Id
                          select new { Message = m, AgentName = a == null ? null : a.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToChat(r.Message, r.AgentName))];
    }

    /// <summary>The conversation's id, once it exists.</summary>
    public async Task<Guid?> ConversationIdAsync(ChatSession session, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ConversationIdAsync(db, session, cancellationToken);
    }

    /// <summary>Where the conversation stands for the customer.</summary>
    public async Task<ChatStatus> StatusAsync(ChatSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = await ConversationAsync(db, session, cancellationToken);
        if (conversation is null) return new ChatStatus(ChatStage.Bot, null, null, null, null, false, false, maxTextLength);
        var latest = await EscalationView.LatestAsync(db, conversation.Id, cancellationToken);
        var stage = ChatStages.Of(conversation.Stage, latest?.Status);
        var team = stage is ChatStage.Bot or ChatStage.Closed || latest is null ? null : await TeamAsync(db, latest.Id, cancellationToken);
        int? wait = null;
        DateTime? opening = null;
        if (stage == ChatStage.Queued && latest is not null)
        {
            // Told truthfully: out of hours, when the team opens; otherwise the estimate from the desk's pace.
            var skill = await db.Cases.AsNoTracking().Where(c => c.Id == latest.Id).Select(c => c.RequiredSkill).SingleAsync(cancellationToken);
            opening = await waits.ExpectedAnswerAsync(skill, latest.Priority, cancellationToken);
            if (opening is null && latest.QueuePosition is { } position && await waits.EstimateAsync(position, cancellationToken) is { } estimate)
                wait = (int)estimate.TotalSeconds;
        }
        var (target, rated) = await RatingTargetAsync(db, conversation.Id, conversation.Stage, latest, cancellationToken);
        return new ChatStatus(stage, team, stage == ChatStage.Assigned ? latest?.AssignedAgentName : null,
            stage == ChatStage.Queued ? latest?.QueuePosition : null, wait, target is not null, rated, maxTextLength) { ExpectedAnswerAt = opening };
    }

    /// <summary>Stores the customer's rating of what they are asked about: the case just resolved, or the bot's solution.</summary>
    /// <exception cref="DomainException">There is nothing to rate, or it was rated already.</exception>
    public async Task<ChatRating> RateAsync(ChatSession session, int score, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var conversation = await ConversationAsync(db, session, cancellationToken) ?? throw new DomainException("There is nothing to rate yet.");
        var latest = await EscalationView.LatestAsync(db, conversation.Id, cancellationToken);
        var (target, rated) = await RatingTargetAsync(db, conversation.Id, conversation.Stage, latest, cancellationToken);
        if (rated) throw new DomainException("You already rated this conversation. Thank you!");
        if (target is null) throw new DomainException("There is nothing to rate yet.");
        var rating = new ChatRating(conversation.Id, target.CaseId, score, comment, time.UtcNowDateTime());
        db.ChatRatings.Add(rating);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signals.Changed(conversation.Id);
        // Routing learns from the rating of the agent who resolved the case.
        if (rating.CaseId is { } caseId) caseSink?.CaseRated(caseId);
        return rating;
    }

    /// <summary>Tells whoever has the case open that the customer is typing; stores nothing.</summary>
    public async Task TypingAsync(ChatSession session, CancellationToken cancellationToken = default)
    {
        if (await ConversationIdAsync(session, cancellationToken) is { } id) signals.CustomerTyping(id, true);
    }

    // A resolved case asks to be rated once; so does the bot's own solution, when the customer said it worked after the last rating.
    private static async Task<(RatingTarget? Target, bool Rated)> RatingTargetAsync(AgentConsoleDbContext db, Guid conversationId, ConversationStage stage,
        EscalationView? latest, CancellationToken cancellationToken)
    {
        if (stage == ConversationStage.Resolved && latest is { Status: CaseStatus.Resolved } resolved)
        {
            var rated = await db.ChatRatings.AnyAsync(r => r.CaseId == resolved.Id, cancellationToken);
            return (rated ? null : new RatingTarget(resolved.Id), rated);
        }
        if (stage != ConversationStage.WithBot) return (null, false);
        var lastRating = await db.ChatRatings.Where(r => r.ConversationId == conversationId).MaxAsync(r => (DateTime?)r.RatedAt, cancellationToken);
        var solvedAfter = await db.AttemptedSolutions.AnyAsync(a => a.ConversationId == conversationId && a.Source == AttemptSource.Bot
            && a.Outcome == AttemptOutcome.Succeeded && (lastRating == null || a.At > lastRating), cancellationToken);
        // Rated: a bot solution was rated and nothing new was solved since.
        return solvedAfter ? (new RatingTarget(null), false) : (null, lastRating is not null && latest is null);
    }

    private static async Task<string?> TeamAsync(AgentConsoleDbContext db, long caseId, CancellationToken cancellationToken)
    {
        var routed = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.RequiredSkill, c.TeamId }).SingleAsync(cancellationToken);
        if (routed.TeamId is { } teamId && await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken) is { } name)
            return name;
        return SkillNames.Of(routed.RequiredSkill);
    }

    // A session's conversation never changes: a stream reads transcript and status on every signal, so it is looked up once per session object.
    private async Task<Guid?> ConversationIdAsync(AgentConsoleDbContext db, ChatSession session, CancellationToken cancellationToken)
    {
        if (_conversationIds.TryGetValue(session, out var known)) return known.Value;
        var integrationId = await channel.IntegrationIdAsync(cancellationToken);
        var found = await db.Conversations.AsNoTracking().Where(c => c.IntegrationId == integrationId && c.ExternalId == session.ExternalId)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (found is { } id) _conversationIds.AddOrUpdate(session, new StrongBox<Guid>(id));
        return found;
    }

    private async Task<Conversation?> ConversationAsync(AgentConsoleDbContext db, ChatSession session, CancellationToken cancellationToken) =>
        await ConversationIdAsync(db, session, cancellationToken) is { } id
            ? await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : null;

    private static ChatMessage ToChat(Message m, string? agentName) => new(
        m.Id, m.Author, m.Author == MessageAuthor.Agent ? agentName ?? "Support" : null, m.Text,
        m.Author is MessageAuthor.Bot or MessageAuthor.Agent ? SafeMarkdown.ToHtml(m.Text) : null,
        m.SentAt, m.Author == MessageAuthor.Customer && m.EventId is { } e && e.StartsWith("c-", StringComparison.Ordinal) ? e[2..] : null);
}
