using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentConsole.Core.Audit;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Common;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Admin;

/// <summary>
/// The admins' audit log in the real host: every kind of admin action leaves one entry with who
/// and when, in the same transaction (a refused action leaves none), read newest first, filtered,
/// paged and exported.
/// </summary>
public sealed class AuditLogTests : ApiTestBase
{
    private const string Password = "Strong-Pass-2026!";
    private static readonly AuditActor Admin = TestActors.Admin;

    private AuditLog Audit => Factory.Services.GetRequiredService<AuditLog>();
    private T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task SettingChangesAndResetsAreAuditedAndPointAtTheirHistoryRecord()
    {
        var settings = Service<StoredSettingsService>();

        var saved = await settings.SaveAsync("Triggers:EscalationThreshold", "1.5", Admin);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reset = await settings.ResetAsync("Triggers:EscalationThreshold", Admin);

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.SettingReset, AuditActions.SettingChanged], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("Triggers:EscalationThreshold", Admin.UserId, Admin.Name), (e.Target, e.ActorId, e.ActorName)));
        Assert.Equal([reset!.Id, saved!.Id], entries.Select(e => Detail(e).GetProperty("settingChangeId").GetInt64()));
        Assert.Equal([reset.ChangedAt, saved.ChangedAt], entries.Select(e => e.At));
    }

    [Fact]
    public async Task ExamplesAddedEditedAndRemovedAreAudited()
    {
        var examples = Service<CategoryExampleStore>();

        var added = await examples.AddAsync(IssueCategory.Billing, "My invoice shows a charge I never made", Admin);
        await examples.EditAsync(added.Id, IssueCategory.Technical, "My invoice shows a charge I never made, refund it", Admin);
        await examples.RemoveAsync(added.Id, Admin);

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.ExampleRemoved, AuditActions.ExampleEdited, AuditActions.ExampleAdded], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(($"example {added.Id}", Admin.UserId, Now), (e.Target, e.ActorId, e.At)));
        Assert.Equal("Billing", Detail(entries[1]).GetProperty("before").GetProperty("category").GetString());
    }

    [Fact]
    public async Task ArticlesCreatedEditedAndDeletedAreAudited()
    {
        var articles = Service<KnowledgeArticles>();
        var markdown = (await articles.FindAsync((await articles.ListAsync())[0].Slug))!.Markdown;

        var created = await articles.CreateAsync("audited-article", markdown, Admin);
        var edited = await articles.UpdateAsync("audited-article", markdown + "\n\nOne more line.", created.Version, Admin);
        await articles.DeleteAsync("audited-article", edited.Version, Admin);

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.ArticleDeleted, AuditActions.ArticleEdited, AuditActions.ArticleCreated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("audited-article", Admin.Name), (e.Target, e.ActorName)));
    }

    [Fact]
    public async Task IntegrationsAndTheirKeysAndSecretsAreAuditedWithoutTheSecretsThemselves()
    {
        var integrations = Service<IntegrationAdmin>();

        var created = await integrations.CreateAsync("Audited bot", null, Admin);
        var set = await integrations.SetCallbackUrlAsync(created.Integration.Id, "https://bot.example.com/hook", Admin);
        var rotated = await integrations.RotateWebhookSecretAsync(created.Integration.Id, Admin);
        await integrations.RevokeAsync(created.Integration.Id, Admin);

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.IntegrationKeyRevoked, AuditActions.IntegrationSecretRotated, AuditActions.IntegrationCallbackSet, AuditActions.IntegrationCreated],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("Audited bot", Admin.UserId), (e.Target, e.ActorId)));
        Assert.All(entries, e => Assert.DoesNotContain(created.ApiKey, e.Detail ?? ""));
        Assert.All(entries, e => Assert.DoesNotContain(rotated.WebhookSecret, e.Detail ?? ""));
        Assert.All(entries, e => Assert.DoesNotContain(set.NewWebhookSecret!, e.Detail ?? ""));
    }

    [Fact]
    public async Task UsersCreatedChangedLockedAndUnlockedAreAudited()
    {
        var users = Service<UserAdmin>();

        var user = await users.CreateAsync(new NewUser("audited@agentconsole.demo", "Audited", ConsoleRoles.Supervisor, null, Password), Admin);
        await users.ChangeRoleAsync(user.Id, ConsoleRoles.Admin, null, Admin);
        await users.LockAsync(user.Id, Admin);
        await users.UnlockAsync(user.Id, Admin);

        var entries = await EntriesAsync();
        Assert.Equal([AuditActions.UserUnlocked, AuditActions.UserLocked, AuditActions.UserRoleChanged, AuditActions.UserCreated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("audited@agentconsole.demo", Admin.UserId, Admin.Name, Now), (e.Target, e.ActorId, e.ActorName, e.At)));
        Assert.Equal(ConsoleRoles.Admin, Detail(entries[2]).GetProperty("to").GetString());
        Assert.DoesNotContain(Password, string.Concat(entries.Select(e => e.Detail)));
    }

    [Fact]
    public async Task ARefusedActionLeavesNoEntry()
    {
        var users = Service<UserAdmin>();
        var user = await users.CreateAsync(new NewUser("self@agentconsole.demo", "Self", ConsoleRoles.Admin, null, Password), Admin);

        await Assert.ThrowsAsync<DomainException>(() => users.LockAsync(user.Id, new AuditActor(user.Id, "self@agentconsole.demo")));
        await Assert.ThrowsAsync<DomainException>(() => Service<IntegrationAdmin>().CreateAsync(" ", null, Admin));

        Assert.Equal([AuditActions.UserCreated], (await EntriesAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task PagesAreNewestFirstAndFiltersNarrowByActionActorAndDay()
    {
        var other = TestActors.Named("other.admin@agentconsole.demo");
        await using (var db = Factory.CreateDbContext())
        {
            for (var i = 0; i < 30; i++)
                AuditTrail.Record(db, i % 3 == 0 ? other : Admin, i % 2 == 0 ? AuditActions.UserLocked : AuditActions.UserUnlocked, $"user{i}@example.com", null,
                    Now.AddHours(i));
            await db.SaveChangesAsync();
        }

        var first = await Audit.PageAsync(new AuditFilter(), 0, 25);
        var second = await Audit.PageAsync(new AuditFilter(), 1, 25);
        var locksByOther = await Audit.PageAsync(new AuditFilter(AuditActions.UserLocked, other.Name), 0, 100);
        var secondDay = await Audit.PageAsync(new AuditFilter(From: DateOnly.FromDateTime(Now.AddDays(1)), To: DateOnly.FromDateTime(Now.AddDays(1))), 0, 100);

        Assert.Equal((30, 25, 5), (first.Total, first.Entries.Count, second.Entries.Count));
        Assert.Equal("user29@example.com", first.Entries[0].Target);
        Assert.Equal("user0@example.com", second.Entries[^1].Target);
        Assert.Equal(["user24@example.com", "user18@example.com", "user12@example.com", "user6@example.com", "user0@example.com"], locksByOther.Entries.Select(e => e.Target));
        // The clock starts at 09:00 UTC: hours 15..29 fall on the second day.
        Assert.Equal(15, secondDay.Total);
        Assert.Equal([Admin.Name, other.Name], (await Audit.ActorsAsync()).OrderBy(n => n == other.Name).ToList());
    }

    [Fact]
    public async Task AnAdminExportsTheFilteredLogAsCsvThatSpreadsheetsDoNotRunAsFormulas()
    {
        await using (var db = Factory.CreateDbContext())
        {
            AuditTrail.Record(db, Admin, AuditActions.ExampleAdded, "=HYPERLINK(\"https://evil.example\")", new { text = "a, \"quoted\" text" }, Now);
            AuditTrail.Record(db, Admin, AuditActions.UserLocked, "someone@example.com", null, Now);
            await db.SaveChangesAsync();
        }
        using var admin = await CookieLogin.SignInAsync(Factory, DemoUsers.AdminEmail, DemoUsers.AdminPassword);

        using var response = await admin.GetAsync("/admin/audit/export?action=example.added");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actor_id,actor,action,target,detail", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\",", lines[1]);
        Assert.Contains(",\"{\"\"text\"\":\"\"a, ", lines[1]);
    }

    [Fact]
    public async Task TheExportRefusesABadDayWithProblemDetails()
    {
        using var admin = await CookieLogin.SignInAsync(Factory, DemoUsers.AdminEmail, DemoUsers.AdminPassword);

        using var response = await admin.GetAsync("/admin/audit/export?from=yesterday&action=nothing.done");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("action", out _));
    }

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync() => (await Audit.PageAsync(new AuditFilter(), 0, 100)).Entries;

    private static JsonElement Detail(AuditEntry entry) => JsonDocument.Parse(entry.Detail!).RootElement;
}
