using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Privacy;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Privacy;

/// <summary>Erasing a customer through the bot API, over a store built by the app's real writers.</summary>
public sealed class CustomerErasureTests : ApiTestBase
{
    private const string Marker = "Zq7Pelikan";
    private const string CustomerId = "cus-" + Marker;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ErasingACustomerLeavesNoneOfTheirWordsAnywhereInTheStoreAndKeepsEveryMetric()
    {
        // Arrange: a profile, a bot conversation worked to the end by an agent, and a widget chat rated with a comment.
        await PutCustomerAsync();
        var botCase = await BotConversationAsync();
        await WorkAndResolveAsync(botCase);
        var chatCase = await ChatConversationAsync();
        await WorkAndResolveAsync(chatCase.CaseId);
        await Factory.Services.GetRequiredService<CustomerChat>().RateAsync(chatCase.Session, 2, $"Slow, and {Marker} had to repeat myself");
        await Factory.Services.GetRequiredService<IRoutingDesk>().FlushAsync();
        // An admin taught the classifier with the customer's own words, and took one such example back already: the audit log recorded the words.
        var examples = Factory.Services.GetRequiredService<AgentConsole.Core.Triggers.CategoryExampleStore>();
        var admin = new AgentConsole.Core.Audit.AuditActor("admin-1", "admin@agentconsole.demo");
        var kept = await examples.AddAsync(AgentConsole.Core.Triggers.IssueCategory.Billing, $"I was charged twice this month, my name is Ada {Marker}", admin);
        await examples.EditAsync(kept.Id, AgentConsole.Core.Triggers.IssueCategory.Other, kept.Text, admin);
        var withdrawn = await examples.AddAsync(AgentConsole.Core.Triggers.IssueCategory.Technical, $"As I already told you, {Marker} was charged twice", admin);
        await examples.RemoveAsync(withdrawn.Id, admin);

        var held = await StoreText.PlacesHoldingAsync(Database, Marker);
        string[] expected = ["Customers.ExternalId", "Customers.Name", "Customers.Email", "Customers.Company", "Customers.Products", "Messages.Text",
            "InboundEvents.Payload", "PageContexts.Url", "PageContexts.Title", "AttemptedSolutions.Description", "Conversations.TriggerStateJson",
            "Cases.BriefingMarkdown", "Cases.ResolutionNote", "CaseEvents.Comment", "FeedbackFlags.Comment", "ChatRatings.Comment", "OutboundEvents.Payload",
            "CategoryExamples.Text", "AuditEntries.Detail"];
        Assert.All(expected, place => Assert.True(held.Contains(place), $"Before the erasure {place} holds the marker; it is in: {string.Join(", ", held)}"));
        var metricsBefore = await MetricsAsync();
        var countsBefore = await StoreText.CountsAsync(Database);

        // Act
        using var erased = await Bot.DeleteAsync($"/api/v1/customers/{CustomerId}");
        using var again = await Bot.DeleteAsync($"/api/v1/customers/{CustomerId}");

        // Assert: nothing of the customer's words in any column of any table; every figure and row count the same.
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(await StoreText.PlacesHoldingAsync(Database, Marker));
        Assert.Empty(await StoreText.PlacesHoldingAsync(Database, "ada.l@example"));
        // Nor in the stored bytes: on SQLite not in a page an earlier version of a row left free, nor in the log; on PostgreSQL in no dead row version.
        Assert.True(await StoreText.StoredBytesHoldAsync(Database, Redaction.Marker));
        Assert.False(await StoreText.StoredBytesHoldAsync(Database, Marker));
        Assert.Equal(metricsBefore, await MetricsAsync());
        var countsAfter = await StoreText.CountsAsync(Database);
        // Only the erasure's own record is new (and its table's autoincrement entry).
        // The example copied from the customer's words goes; the audit log keeps its entries, their details erased.
        string[] own = ["Erasures", "sqlite_sequence", "CategoryExamples"];
        Assert.Equal(countsBefore.Where(c => !own.Contains(c.Key)), countsAfter.Where(c => !own.Contains(c.Key)));
        Assert.Equal(countsBefore["Erasures"] + 1, countsAfter["Erasures"]);
        Assert.Equal(countsBefore["CategoryExamples"] - 1, countsAfter["CategoryExamples"]);

        await using var db = Factory.CreateDbContext();
        var record = await db.Erasures.SingleAsync();
        Assert.Equal((ErasureKind.Customer, 2), (record.Kind, record.Conversations));
        Assert.StartsWith("integration:", record.ErasedBy);
        Assert.StartsWith("customer:", record.Subject);
        var customer = await db.Customers.SingleAsync(c => c.Name == Redaction.Marker);
        Assert.Equal((CustomerTier.Business, 14000m), (customer.Tier, customer.AnnualContractValue));
        // The erased case still opens in the console: its briefing, reasons and transcript read back.
        var reasons = (await db.Cases.AsNoTracking().SingleAsync(c => c.Id == botCase)).Reasons;
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.DoesNotContain(Marker, r.Evidence, StringComparison.OrdinalIgnoreCase));
        var details = await Factory.Services.GetRequiredService<AgentConsole.Core.Handoff.CaseDetailsQuery>().GetAsync(botCase, RoutingActor.ForSupervisor());
        Assert.NotNull(details.Details);
        Assert.DoesNotContain(Marker, JsonSerializer.Serialize(details.Details), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ACustomerWithAnOpenCaseIsRefusedAndKeptWhole()
    {
        await PutCustomerAsync();
        var caseId = await BotConversationAsync();

        using var refused = await Bot.DeleteAsync($"/api/v1/customers/{CustomerId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), await refused.Content.ReadAsStringAsync());
        Assert.Contains("Customers.Name", await StoreText.PlacesHoldingAsync(Database, Marker));
        await using var db = Factory.CreateDbContext();
        Assert.Empty(await db.Erasures.ToListAsync());
    }

    [Fact]
    public async Task AnUnknownOrMalformedCustomerIsRefusedWithProblemDetails()
    {
        using var unknown = await Bot.DeleteAsync("/api/v1/customers/cus-nobody");
        using var malformed = await Bot.DeleteAsync("/api/v1/customers/~erased-0123");
        using var anonymous = await Factory.CreateClient().DeleteAsync("/api/v1/customers/cus-nobody");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task PutCustomerAsync()
    {
        var profile = new JsonObject
        {
            ["name"] = $"Ada {Marker}", ["email"] = "ada.l@example.com", ["company"] = $"{Marker} Ltd", ["plan"] = "Business Annual",
            ["tier"] = "Business", ["annualContractValue"] = 14000, ["products"] = new JsonArray($"{Marker} Suite", "Invoicing"),
        };
        profile["email"] = $"ada.{Marker}@example.com";
        using var put = await Bot.PutAsync($"/api/v1/customers/{CustomerId}", new StringContent(profile.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    /// <summary>A bot conversation that escalates: messages, an attempt, what the customer tried, pages with the email in the URL. Returns its case.</summary>
    private async Task<long> BotConversationAsync()
    {
        var body = Batch(
            CustomerMessage("e1", $"I was charged twice this month, my name is Ada {Marker}", 1),
            BotMessage("e2", $"Sorry to hear that, Ada {Marker}. Let me check your invoices.", 0.4, 2),
            new JsonObject { ["id"] = "e3", ["type"] = "bot.attempted_solution", ["at"] = At(3), ["description"] = $"Looked up {Marker}'s invoices", ["outcome"] = "failed" },
            new JsonObject { ["id"] = "e4", ["type"] = "customer.tried", ["at"] = At(4), ["description"] = $"Removed the card ending {Marker}" },
            new JsonObject { ["id"] = "e5", ["type"] = "page.viewed", ["at"] = At(5), ["url"] = $"https://app.example.com/invoices?email=ada.{Marker}@example.com", ["title"] = $"Invoices of {Marker}" },
            CustomerMessage("e6", $"This is ridiculous!!! Refund me, {Marker} wants to talk to a human now", 6));
        body["customer"] = new JsonObject { ["externalId"] = CustomerId };
        body["page"] = new JsonObject { ["url"] = $"https://app.example.com/billing?email=ada.{Marker}@example.com", ["title"] = $"Billing for {Marker}" };
        using var response = await PostEventsAsync("conv-erase", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("escalation").ValueKind);
        var caseId = reply.GetProperty("escalation").GetProperty("id").GetInt64();
        // Words after the escalation: the customer repeats themselves.
        using var later = await PostEventsAsync("conv-erase", Batch(CustomerMessage("e7", $"As I already told you, {Marker} was charged twice", 7)));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        return caseId;
    }

    /// <summary>A widget chat tied to the same customer that escalates. Returns its session and case.</summary>
    private async Task<(ChatSession Session, long CaseId)> ChatConversationAsync()
    {
        var chat = Factory.Services.GetRequiredService<CustomerChat>();
        var (_, session) = await chat.StartAsync(new PageSnapshot($"https://shop.example/account?user={Marker}", $"Account of {Marker}", null),
            customer: new CustomerReference(CustomerId, new CustomerProfile()));
        await chat.SendAsync(session, "c1", $"I need a human agent please, {Marker} cannot log in");
        var conversationId = (await chat.ConversationIdAsync(session))!.Value;
        long caseId = 0;
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Factory.CreateDbContext();
            caseId = await db.Cases.Where(c => c.ConversationId == conversationId).Select(c => c.Id).FirstOrDefaultAsync();
            return caseId != 0;
        }, Timeout, "the chat escalates");
        return (session, caseId);
    }

    /// <summary>The offered agent accepts, replies and notes quoting the customer, flags the repeat and resolves with a note.</summary>
    private async Task WorkAndResolveAsync(long caseId)
    {
        var engine = Factory.Services.GetRequiredService<IRoutingDesk>();
        await Eventually.HoldsAsync(async () => (await engine.SnapshotAsync()).Cases.SingleOrDefault(c => c.Id == caseId)?.Status == CaseStatus.Offered,
            Timeout, "the routing engine offers the case");
        var snapshot = await engine.SnapshotAsync();
        var agent = snapshot.Agents.Single(a => a.Id == snapshot.Cases.Single(c => c.Id == caseId).Holder);
        var actor = RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name);
        await engine.AcceptOfferAsync(caseId, actor);
        await engine.ReplyAsync(caseId, $"Hi Ada, you wrote \"{Marker} was charged twice\": I am on it.", actor);
        await engine.AddNoteAsync(caseId, $"Customer {Marker} is upset about the double charge", actor);
        await engine.FlagAsync(caseId, CaseFlag.CustomerRepeated, $"{Marker} had to say it twice", actor);
        await engine.ResolveAsync(caseId, $"Refunded {Marker} the second charge", actor);
    }

    private async Task<string> MetricsAsync()
    {
        var metrics = Factory.Services.GetRequiredService<HistoryMetrics>();
        var day = DateOnly.FromDateTime(AgentConsoleFactory.Start.UtcDateTime);
        var report = await metrics.ReportAsync(metrics.Days(day.AddDays(-30), day.AddDays(1)));
        return JsonSerializer.Serialize(report);
    }
}
