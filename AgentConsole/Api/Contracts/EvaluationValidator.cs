using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Api.Contracts;

/// <summary>Checks an <see cref="EvaluationRequest"/>: a text, or 1 to <see cref="MaxMessages"/> messages, and an optional profile.</summary>
internal static class EvaluationValidator
{
    public const int MaxMessages = 200;
    private const int MaxAuthorLength = 16;

    public static void Validate(EvaluationRequest request, IngestionOptions limits, DateTime now, ValidationErrors errors)
    {
        var fields = new FieldRules(errors, "");
        if (request.Text is not null || fields.HasProblem("text")) fields.RequiredText("text", request.Text, limits.MaxTextLength);
        else if (request.Messages is not null || fields.HasProblem("messages")) Messages(request.Messages, fields, limits);
        else fields.Add("text", "Give either 'text' or 'messages'.");

        if (request.Customer is { } customer) CustomerProfileValidator.Check(customer, fields.Nested("customer"), requireExternalId: false, now);
    }

    private static void Messages(IReadOnlyList<EvaluationMessage?>? messages, FieldRules fields, IngestionOptions limits)
    {
        if (messages is null) return;
        if (messages.Count is 0 or > MaxMessages)
        {
            fields.Add("messages", $"The field must hold 1 to {MaxMessages} messages.");
            return;
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var message = fields.Item("messages", i);
            if (messages[i] is not { } m)
            {
                var path = $"{fields.PathOf("messages")}[{i}]";
                if (!fields.Errors.Has(path)) fields.Errors.Add(path, "Each message must be an object.");
                continue;
            }
            if (message.RequiredText("author", m.Author, MaxAuthorLength) && m.Kind is null) message.Add("author", "The field must be 'customer' or 'bot'.");
            message.RequiredText("text", m.Text, limits.MaxTextLength);
            message.Range("confidence", m.Confidence, 0, 1);
        }
    }
}
