using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using System.Net.Http.Json;
using System.Net;
using AgentConsole.Core.Data;
using AgentConsole.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Integration;

public sealed class StoreTests
{
    [Fact]
    public async Task MigrationsApplyToAnEmptyFileInWalMode()
    {
        using var database = TempDatabase.OnSqlite();
        var factory = new PooledDbContextFactory<AgentConsoleDbContext>(
            new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite(database.ConnectionString).Options);

        await DatabaseInitializer.MigrateAsync(factory);

        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The migration and its snapshot describe the model as the code configures it.
        Assert.False(db.Database.HasPendingModelChanges());
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheStoreRefusesToRewriteTheCaseLog()
    {
        using var database = new TempDatabase();
        using var app = new AgentConsoleFactory(database);
        using (var bot = app.CreateBotClient())
        {
            using var posted = await bot.PostAsync("/api/v1/conversations/conv-log/events", new StringContent(
                """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"hello"}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }
        await app.Services.GetRequiredService<AgentConsole.Core.Routing.Engine.IRoutingDesk>().FlushAsync();
        int caseEvents;
        await using (var before = app.CreateDbContext()) caseEvents = await before.CaseEvents.CountAsync();
        Assert.True(caseEvents >= 8);
        foreach (var sql in new[] { "UPDATE \"CaseEvents\" SET \"Detail\" = 'tampered'", "DELETE FROM \"CaseEvents\"", "DELETE FROM \"InboundEvents\"" })
        {
            await using var writer = app.CreateDbContext();
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => writer.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", error.Message);
        }
        await using var db = app.CreateDbContext();
        Assert.Equal(caseEvents, await db.CaseEvents.CountAsync());
        Assert.Equal(1, await db.InboundEvents.CountAsync());
    }

    [Fact]
    public async Task ARestartOnTheSameFileKeepsTheData()
    {
        using var database = new TempDatabase();
        string conversationId;
        using (var first = new AgentConsoleFactory(database))
        using (var bot = first.CreateBotClient())
        {
            using var posted = await bot.PostAsync("/api/v1/conversations/conv-durable/events", new StringContent(
                """{"customer":{"externalId":"cus-durable","name":"Kim"},"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"still here?"}]}""",
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            conversationId = (await posted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("conversationId").GetString()!;
        }

        using var second = new AgentConsoleFactory(database);
        using var again = second.CreateBotClient();
        var view = await again.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/conversations/conv-durable");
        using var retried = await again.PostAsync("/api/v1/conversations/conv-durable/events", new StringContent(
            """{"events":[{"id":"e1","type":"customer.message","at":"2026-03-14T09:00:00Z","text":"still here?"}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(conversationId, view.GetProperty("id").GetString());
        Assert.Equal("still here?", view.GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(0, (await retried.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("newEvents").GetInt32());
        await using var db = second.CreateDbContext();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.ExternalId == AgentConsole.Core.Data.Seeding.DemoDataSeeder.EnterpriseCustomerId));
    }
}
