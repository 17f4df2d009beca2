using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Data;

/// <summary>The <c>Database</c> section: which provider stores the desk's data.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string SqliteProvider = "Sqlite";

    /// <summary>The provider. Only <c>Sqlite</c> ships today; the switch is where PostgreSQL will plug in.</summary>
    [Required, AllowedValues(SqliteProvider)]
    public string Provider { get; set; } = SqliteProvider;
}
