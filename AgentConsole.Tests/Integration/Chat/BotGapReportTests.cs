using AgentConsole.Core.Chat;
using AgentConsole.Core.Chat.Gaps;
using AgentConsole.Core.Chat.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Chat;

/// <summary>The bot-gap report over what the built-in bot really stores when a customer says its answer did not help.</summary>
public sealed class BotGapReportTests : ApiTestBase
{
    public BotGapReportTests() : base(demoEnabled: false) { }

    [Fact]
    public async Task NamesThePassageTheBuiltInBotAnsweredWithWhenTheCustomerSaidItDidNotHelp()
    {
        const string Question = "how do I rotate an API key without breaking my integration?";
        var customer = new ChatClient(Factory.CreateClient());
        await customer.StartAsync();
        await using var stream = await customer.StreamAsync();
        using (await customer.SendAsync(Question)) { }
        var answer = await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot");
        using (await customer.SendAsync("no, that didn't help at all")) { }
        await stream.NextAsync((name, data) => name == "message" && data.GetProperty("author").GetString() == "bot"
            && data.GetProperty("id").GetInt64() > answer.Data.GetProperty("id").GetInt64());

        var reporter = Factory.Services.GetRequiredService<BotGapReporter>();
        var today = DateOnly.FromDateTime(AgentConsoleFactory.Start.UtcDateTime);
        var scan = await reporter.FailedQuestionsAsync(today, today);
        var report = await reporter.ReportAsync(today, today);

        var expected = Factory.Services.GetRequiredService<KnowledgeLibrary>().Current.Find(Question)!.Passage;
        var failed = Assert.Single(scan.Questions);
        Assert.Equal(Question, failed.Text);
        Assert.True(failed.Failure.HasFlag(GapFailure.NotHelped), $"The failure was {failed.Failure}.");
        Assert.Equal(expected.Id, failed.PassageIds[0]);
        var cluster = Assert.Single(report.Clusters);
        Assert.Equal((expected.ArticleSlug, expected.ArticleTitle, expected.Heading), (cluster.Articles[0].ArticleSlug, cluster.Articles[0].ArticleTitle, cluster.Articles[0].Heading));
    }
}
