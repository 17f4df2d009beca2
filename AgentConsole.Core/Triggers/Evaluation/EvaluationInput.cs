using System.Text.Json;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Core.Triggers.Evaluation;

/// <summary>A transcript to evaluate without storing it, with an optional customer profile.</summary>
public sealed record EvaluationInput(string? Id, IReadOnlyList<TriggerInput> Transcript, Customer? Customer);

/// <summary>
/// Reads an evaluation request: either <c>{"id", "text"}</c> (one customer message) or
/// <c>{"id", "messages": [{"author": "customer"|"bot", "text", "confidence"?}], "customer": {profile}}</c>.
/// The playground endpoint and the <c>evaluate</c> command share it.
/// </summary>
public static class EvaluationInputParser
{
    public const int MaxMessages = 200;

    public static ParseResult<EvaluationInput> Parse(JsonElement root, IngestionOptions limits, DateTime now)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The input must be a JSON object.");
            return new(null, errors);
        }
        var reader = new JsonFieldReader(root, "", errors);
        var id = ReadId(reader);
        var transcript = new List<TriggerInput>();

        if (reader.Has("text"))
        {
            if (reader.String("text", limits.MaxTextLength, required: true) is { } text)
                transcript.Add(new TriggerInput(TriggerInputKind.CustomerMessage, text, now));
        }
        else if (reader.TryGet("messages", out var messages))
        {
            ReadMessages(reader, messages, limits, now, transcript);
        }
        else errors.Add("text", "Give either 'text' or 'messages'.");

        Customer? customer = null;
        if (reader.Object("customer") is { } profileReader)
        {
            var profile = CustomerProfileParser.Read(profileReader, now);
            customer = new Customer("evaluation", now);
            if (!errors.Any) customer.Apply(profile, now);
        }
        return errors.Any ? new(null, errors) : new(new EvaluationInput(id, transcript, customer), errors);
    }

    private static string? ReadId(JsonFieldReader reader)
    {
        if (!reader.TryGet("id", out var id)) return null;
        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }

    private static void ReadMessages(JsonFieldReader reader, JsonElement messages, IngestionOptions limits, DateTime now, List<TriggerInput> transcript)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            reader.Errors.Add("messages", "The field must be an array.");
            return;
        }
        if (messages.GetArrayLength() is 0 or > MaxMessages)
        {
            reader.Errors.Add("messages", $"The field must hold 1 to {MaxMessages} messages.");
            return;
        }
        var index = 0;
        foreach (var element in messages.EnumerateArray())
        {
            var path = $"messages[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                reader.Errors.Add(path, "Each message must be an object.");
                index++;
                continue;
            }
            var message = new JsonFieldReader(element, path, reader.Errors);
            var author = message.String("author", 16, required: true)?.ToLowerInvariant();
            var text = message.String("text", limits.MaxTextLength, required: true);
            var confidence = message.Number("confidence", 0, 1);
            // Messages without times are taken a second apart, in order.
            var at = message.Timestamp("at") ?? now.AddSeconds(index - messages.GetArrayLength());
            TriggerInputKind? kind = author switch
            {
                "customer" => TriggerInputKind.CustomerMessage,
                "bot" => TriggerInputKind.BotMessage,
                null => null,
                _ => Unknown(message),
            };
            if (kind is { } k && text is not null) transcript.Add(new TriggerInput(k, text, at, confidence));
            index++;
        }
    }

    private static TriggerInputKind? Unknown(JsonFieldReader message)
    {
        message.Errors.Add(message.FieldPath("author"), "The field must be 'customer' or 'bot'.");
        return null;
    }
}
