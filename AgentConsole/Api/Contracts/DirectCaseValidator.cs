using AgentConsole.Core.Conversations.Ingestion;

namespace AgentConsole.Api.Contracts;

/// <summary>
/// Checks a <see cref="DirectCaseRequest"/> with the events API's rules: the key, channel,
/// customer and page as a batch's, each message as a <c>customer.message</c> event. Every problem
/// is recorded under its field's path; a request with any problem is refused whole.
/// </summary>
internal static class DirectCaseValidator
{
    public static void Validate(DirectCaseRequest request, IngestionOptions limits, DateTime now, ValidationErrors errors)
    {
        var fields = new FieldRules(errors, "");
        if (fields.RequiredText("externalId", request.ExternalId, Core.Data.FieldLimits.ExternalId) && !Identifiers.IsValidExternalId(request.ExternalId))
            fields.Add("externalId", Identifiers.ExternalIdRule);
        if (fields.Required("channel", request.Channel)) EventBatchValidator.Channel(fields, request.Channel);
        if (fields.Required("customer", request.Customer))
            CustomerProfileValidator.Check(request.Customer!, fields.Nested("customer"), requireExternalId: true, now);
        if (request.Page is { } page) EventBatchValidator.Page(fields.Nested("page"), page, limits, now);
        Messages(request.Messages, fields, limits, now);
    }

    private static void Messages(IReadOnlyList<DirectMessageRequest?>? messages, FieldRules fields, IngestionOptions limits, DateTime now)
    {
        if (!fields.Required("messages", messages)) return;
        if (messages!.Count == 0 || messages.Count > limits.MaxEventsPerBatch)
        {
            fields.Add("messages", $"The field must hold 1 to {limits.MaxEventsPerBatch} customer messages; it has {messages.Count}.");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = fields.Item("messages", i);
            if (messages[i] is not { } m)
            {
                var path = $"{fields.PathOf("messages")}[{i}]";
                if (!fields.Errors.Has(path)) fields.Errors.Add(path, "Each message must be an object.");
                continue;
            }
            if (m.Id is not null && EventBatchValidator.EventId(message, m.Id) && m.Id == CaseOpenedDirectlyEvent.LedgerId)
                message.Add("id", $"The id '{CaseOpenedDirectlyEvent.LedgerId}' is reserved.");
            if (message.Required("at", m.At)) EventBatchValidator.NotInTheFuture(message, m.At, limits, now);
            message.RequiredText("text", m.Text, limits.MaxTextLength);

            if (message.HasProblem("id")) continue;
            var id = DirectMessageRequest.IdAt(m, i);
            if (seen.TryGetValue(id, out var first)) message.Add("id", $"The id '{id}' is also used by messages[{first}]; ids must be unique.");
            else seen[id] = i;
        }
    }
}
