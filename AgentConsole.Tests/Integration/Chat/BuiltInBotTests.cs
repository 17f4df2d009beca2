using System.Text.Json.Nodes;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using AgentConsole.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Chat;

/// <summary>The built-in bot answering widget customers through the same ingestion path as any bot.</summary>
public sealed class BuiltInBotTests : ApiTestBase
{
    [Fact]
    public async Task AnswersFromTheKnowledgeBaseRecordsWhatWorkedAndAsksForARating()
    {
        var customer = new ChatClient(Factory.CreateClient());
        await customer.StartAsync();
        await using var stream = await customer.StreamAsync();

        using (await customer.SendAsync("how do I rotate an API key without breaking my integration?")) { }
        var answer = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");
        using (await customer.SendAsync("yes, that worked, thanks")) { }
        var closing = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");
        var asked = await stream.NextAsync((name, data) => name == "status" && data.GetProperty("ratingRequested").GetBoolean());
        using var rated = await customer.PostAsync("/api/chat/rating", new JsonObject { ["score"] = 4 });

        Assert.Contains("key", answer.Data.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("bot", asked.Data.GetProperty("stage").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, rated.StatusCode);
        await using var db = Factory.CreateDbContext();
        var conversationId = await ConversationIdAsync(customer);
        var bot = await db.Messages.Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Bot).OrderBy(m => m.Id).ToListAsync();
        Assert.True(bot[0].BotConfidence >= 0.5, $"The answer's confidence was {bot[0].BotConfidence}.");
        var attempt = await db.AttemptedSolutions.SingleAsync(a => a.ConversationId == conversationId);
        Assert.Equal((AttemptSource.Bot, AttemptOutcome.Succeeded), (attempt.Source, attempt.Outcome));
        Assert.Contains("API", attempt.Description, StringComparison.OrdinalIgnoreCase);
        var rating = await db.ChatRatings.SingleAsync();
        Assert.Equal((4, (long?)null), (rating.Score, rating.CaseId));
        Assert.NotEqual(answer.Data.GetProperty("id").GetInt64(), closing.Data.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task SaysWhoIsComingOnEscalationAndThenLeavesTheConversationToTheHumans()
    {
        var customer = new ChatClient(Factory.CreateClient());
        await customer.StartAsync();
        await using var stream = await customer.StreamAsync();

        using (await customer.SendAsync("Someone logged into my account from another country and changed my password. I need a human now.")) { }
        var handoff = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");
        using (await customer.SendAsync("hello? are you there?")) { }
        await stream.NextAsync((name, data) => name == "message" && data.GetProperty("text").GetString() == "hello? are you there?");
        // A later marker: the customer's next message arrives after anything the bot would have said to the previous one.
        using (await customer.SendAsync("marker")) { }
        await stream.NextAsync((name, data) => name == "message" && data.GetProperty("text").GetString() == "marker");

        Assert.StartsWith("Connecting you with", handoff.Data.GetProperty("text").GetString());
        Assert.Contains("won't need to repeat", handoff.Data.GetProperty("text").GetString());
        await using var db = Factory.CreateDbContext();
        var conversationId = await ConversationIdAsync(customer);
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Bot));
    }

    [Fact]
    public async Task RemembersTheAnswerItAskedAboutAcrossARestart()
    {
        using var database = new TempDatabase();
        string token;
        long answered;
        using (var first = new AgentConsoleFactory(database))
        {
            var customer = new ChatClient(first.CreateClient());
            await customer.StartAsync();
            await using var stream = await customer.StreamAsync();
            using (await customer.SendAsync("how do I rotate an API key without breaking my integration?")) { }
            var answer = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");
            (token, answered) = (customer.Token!, answer.Data.GetProperty("id").GetInt64());
        }

        using var second = new AgentConsoleFactory(database);
        var again = new ChatClient(second.CreateClient()).WithToken(token);
        await using var resumed = await again.StreamAsync(after: answered);
        using (await again.SendAsync("no, that didn't help at all")) { }
        await resumed.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");

        // The answer given before the restart is the one the customer said did not help.
        var chat = second.Services.GetRequiredService<AgentConsole.Core.Chat.CustomerChat>();
        var conversationId = (await chat.ConversationIdAsync((await chat.FindAsync(token))!))!.Value;
        await using var db = second.CreateDbContext();
        var attempt = await db.AttemptedSolutions.SingleAsync(a => a.ConversationId == conversationId);
        Assert.Equal((AttemptSource.Bot, AttemptOutcome.Failed), (attempt.Source, attempt.Outcome));
        Assert.Contains("API", attempt.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnswersFromAnArticleAnAdminEditedFromTheNextMessageWithoutARestart()
    {
        const string SftpQuestion = "can our scheduled exports be delivered to our own SFTP server?";
        var articles = Factory.Services.GetRequiredService<KnowledgeArticles>();
        var exports = (await articles.FindAsync("exports"))!;
        var customer = new ChatClient(Factory.CreateClient());
        await customer.StartAsync();
        await using var stream = await customer.StreamAsync();
        using (await customer.SendAsync("how do I download a report as CSV")) { }
        var before = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");

        await articles.UpdateAsync("exports", exports.Markdown + """


            ## Delivering exports to an SFTP server
            Scheduled exports can go to your own SFTP server instead of email. Under **Settings → Exports**, choose **SFTP** as the destination and enter the host, port, folder and user.
            """, exports.Version, TestActors.Named("admin@agentconsole.demo"));
        using (await customer.SendAsync(SftpQuestion)) { }
        var after = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot"
            && data.GetProperty("id").GetInt64() > before.Data.GetProperty("id").GetInt64());

        Assert.DoesNotContain("SFTP", before.Data.GetProperty("text").GetString());
        Assert.StartsWith("## Delivering exports to an SFTP server", after.Data.GetProperty("text").GetString());
        await using var db = Factory.CreateDbContext();
        var conversationId = await ConversationIdAsync(customer);
        var answer = await db.Messages.Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Bot).OrderBy(m => m.Id).LastAsync();
        Assert.True(answer.BotConfidence >= 0.5, $"The answer's confidence was {answer.BotConfidence}.");
    }

    private async Task<Guid> ConversationIdAsync(ChatClient customer)
    {
        var chat = Factory.Services.GetRequiredService<AgentConsole.Core.Chat.CustomerChat>();
        return (await chat.ConversationIdAsync((await chat.FindAsync(customer.Token))!))!.Value;
    }
}
