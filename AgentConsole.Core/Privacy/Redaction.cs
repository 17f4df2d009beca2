namespace AgentConsole.Core.Privacy;

/// <summary>
/// What anonymised text becomes. The store's append-only triggers allow exactly these values to
/// replace a ledger payload or a case-log note (see <c>tools/regenerate-migration.sh</c>), so they
/// must not change without regenerating the migration.
/// </summary>
public static class Redaction
{
    /// <summary>Replaces a text: a message, a note, a description, a briefing, a profile's name.</summary>
    public const string Marker = "[erased]";

    /// <summary>Replaces a JSON payload (the inbound ledger's and the outbox's), so it still parses.</summary>
    public const string Payload = """{"erased":true}""";
}
