using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Data;

/// <summary>The <c>Database</c> section: which provider stores the desk's data.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>
    /// The provider: <c>Sqlite</c> (the embedded default, a file), or <c>Postgres</c>, a server
    /// that several app nodes can share (see the README's "Scale out").
    /// </summary>
    [Required, AllowedValues(SqliteProvider, PostgresProvider, ErrorMessage = "Database.Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>Whether <paramref name="provider"/> names PostgreSQL.</summary>
    public static bool IsPostgres(string provider) => string.Equals(provider, PostgresProvider, StringComparison.OrdinalIgnoreCase);
}
