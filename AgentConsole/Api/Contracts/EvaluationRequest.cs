using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Evaluation;

namespace AgentConsole.Api.Contracts;

/// <summary>A transcript to evaluate without storing it: one customer <see cref="Text"/>, or <see cref="Messages"/>, with an optional profile.</summary>
/// <param name="Id">The caller's id for the input, a string or a number; echoed in the result.</param>
public sealed record EvaluationRequest(
    [property: JsonConverter(typeof(LooseIdConverter))] string? Id, string? Text, IReadOnlyList<EvaluationMessage?>? Messages, CustomerProfileRequest? Customer)
{
    /// <summary>The input the triggers evaluate. Call it on a validated request.</summary>
    public EvaluationInput ToInput(DateTime now)
    {
        IReadOnlyList<TriggerInput> transcript = Text is not null
            ? [new TriggerInput(TriggerInputKind.CustomerMessage, Text, now)]
            // Messages without times are taken a second apart, in order.
            : Messages!.Select((m, i) => new TriggerInput(m!.Kind!.Value, m.Text!, m.At ?? now.AddSeconds(i - Messages!.Count), m.Confidence)).ToList();
        Customer? customer = null;
        if (Customer is { } profile)
        {
            customer = new Customer("evaluation", now);
            customer.Apply(profile.ToProfile(), now);
        }
        return new EvaluationInput(Id, transcript, customer);
    }
}

/// <summary>One message of a transcript to evaluate.</summary>
/// <param name="Author"><c>customer</c> or <c>bot</c>.</param>
/// <param name="Confidence">The bot's confidence, 0 to 1.</param>
/// <param name="At">When it was sent, with a UTC offset; messages without one are taken a second apart, in order.</param>
public sealed record EvaluationMessage([property: Required] string? Author, [property: Required] string? Text, double? Confidence, [property: JsonConverter(typeof(TimestampConverter))] DateTime? At)
{
    /// <summary>What the triggers take the message for, from its author; null for an author they do not know.</summary>
    [JsonIgnore]
    public TriggerInputKind? Kind => Author?.ToLowerInvariant() switch
    {
        "customer" => TriggerInputKind.CustomerMessage,
        "bot" => TriggerInputKind.BotMessage,
        _ => null,
    };
}
