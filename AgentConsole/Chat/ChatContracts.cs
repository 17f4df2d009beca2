using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Chat;

namespace AgentConsole.Chat;

/// <summary>Starts a widget conversation, with the page the customer has open.</summary>
public sealed record StartChatRequest(ChatPageRequest? Page);

/// <summary>The page the customer has open.</summary>
public sealed record ChatPageRequest([property: Required] string? Url, string? Title);

/// <summary>A customer's message; <see cref="ClientId"/> is the widget's own id for it, so a retry is stored once.</summary>
public sealed record ChatMessageRequest([property: Required] string? ClientId, [property: Required] string? Text);

/// <summary>The customer's rating of the help: 1 to 5, and an optional comment.</summary>
public sealed record ChatRatingRequest([property: Required] int? Score, string? Comment);

/// <summary>A new conversation's token: the only key to it, kept by the customer's browser.</summary>
public sealed record StartChatResponse(string Token, Guid ConversationId);

/// <summary>A line of the transcript. <c>author</c> is customer, bot, agent or system; <c>html</c> is safe HTML for the bot's and agents' Markdown.</summary>
public sealed record ChatMessageResponse(long Id, string Author, string? Name, string Text, string? Html, DateTime At, string? ClientId)
{
    public static ChatMessageResponse From(ChatMessage m) => new(m.Id, m.Author.ToString().ToLowerInvariant(), m.Name, m.Text, m.Html, m.At, m.ClientId);
}

/// <summary>Where the conversation stands. <c>stage</c> is bot, queued, offered, assigned, resolved or closed;
/// <c>expectedAnswerAt</c> (UTC) is set while every team that could take the case is closed: when the first opens.</summary>
public sealed record ChatStatusResponse(string Stage, string? Team, string? AgentName, int? QueuePosition, int? EstimatedWaitSeconds,
    bool RatingRequested, bool Rated, int MaxTextLength, DateTime? ExpectedAnswerAt = null)
{
    public static ChatStatusResponse From(ChatStatus s) => new(s.Stage.ToString().ToLowerInvariant(), s.Team, s.AgentName, s.QueuePosition,
        s.EstimatedWaitSeconds, s.RatingRequested, s.Rated, s.MaxTextLength, s.ExpectedAnswerAt);
}

/// <summary>The whole transcript with the status; <c>cursor</c> is the last message's id, for the stream's <c>after</c>.</summary>
public sealed record ChatTranscriptResponse(IReadOnlyList<ChatMessageResponse> Messages, ChatStatusResponse Status, long Cursor);

/// <summary>A stored message, as the widget shows it.</summary>
public sealed record ChatSentResponse(ChatMessageResponse Message);
