using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentConsole.Core.Data;

/// <summary>
/// Turns SQLite's <c>secure_delete</c> on for every connection the store opens, so the space an
/// updated or deleted row leaves behind is zeroed rather than kept in the file: an old version of a
/// message, a profile or a briefing does not survive in a page's free space or on the free list
/// after the row changed. That is what makes an erasure or a retention sweep reach the file's bytes
/// (see <see cref="Privacy.SecureErase"/>). The setting lasts for the connection, and a pooled
/// connection is opened again through here, so one statement per open keeps it on.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    /// <summary>The one instance the store's options carry.</summary>
    public static SqliteSecureDelete Instance { get; } = new();

    private const string Pragma = "PRAGMA secure_delete = ON";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
