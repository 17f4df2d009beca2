using System.Text;
using System.Text.Json;

namespace AgentConsole.Api.Contracts;

/// <summary>The JSON text of each item of a batch's <c>events</c> array as the bot sent it, kept in the ledger for audit.</summary>
internal static class RawEvents
{
    private const string EventsField = "events";

    public static IReadOnlyList<string> Of(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = ContractJson.MaxDepth });
        List<string> events = [];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return events;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Names match case-insensitively and the last one wins, as when the contract is read.
            var isEvents = string.Equals(reader.GetString(), EventsField, StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (!isEvents)
            {
                reader.Skip();
                continue;
            }
            events = [];
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                events.Add(Encoding.UTF8.GetString(utf8[start..(int)reader.BytesConsumed]));
            }
        }
        return events;
    }
}
