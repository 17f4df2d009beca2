using AgentConsole.Core.Chat.Gaps;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Core.Chat.Gaps;

/// <summary>The bot-gap report over a real SQLite store and the real MiniLM embedder, from conversations written here.</summary>
public sealed class BotGapReporterTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateTime Morning = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.LoadBuiltIn();

    private readonly TempDatabase _database = new();
    private readonly PooledDbContextFactory<AgentConsoleDbContext> _factory;
    private GapHistory _history = default!;

    public BotGapReporterTests() => _factory = _database.CreateFactory();

    public async Task InitializeAsync()
    {
        await DatabaseInitializer.MigrateAsync(_factory);
        await using var db = await _factory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("bot", "0123456789abcdef", Morning);
        db.Add(integration);
        await db.SaveChangesAsync();
        _history = new GapHistory(_factory, integration.Id);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FindsUnsureUnhelpfulAndEscalatedQuestionsButNotOnesAnsweredAndConfirmed()
    {
        var card = Passage("billing-and-payment-methods", "Updating your card");
        var invoiceDetails = Passage("invoices-and-refunds", "Changing the details on an invoice");
        await _history.ConversationAsync(Morning,
            new Asks("How do I download last month's invoice?"), new Answers("## Finding invoices …\n\nDid that help?", 0.9, Passage("invoices-and-refunds", "Finding and downloading invoices")),
            new Asks("yes, that worked, thanks"));
        await _history.ConversationAsync(Morning.AddHours(1),
            new Asks("Can I pay with bitcoin?"), new Answers("I'm not sure I can answer that one.", 0.2));
        await _history.ConversationAsync(Morning.AddHours(2),
            new Asks("How do I change the card you charge every month?"), new Answers("## Updating your card …", 0.8, card),
            new SaysNo("no, that didn't help"), new Answers("Let me try another article. …", 0.7, invoiceDetails));
        await _history.ConversationAsync(Morning.AddHours(3),
            new Asks("Why does my dashboard show no data since Monday?"), new Answers("## Data that looks out of date …", 0.7, Passage("dashboards-and-reports", "Data that looks out of date")),
            new Asks("let me talk to a human please"), new Escalates(ReasonCategory.CustomerRequest, "human-request", OnLastCustomerMessage: true),
            new Asks("hello? is anyone there?"), new AgentSays("Hi, I'm here and I can see the bot's answer."));
        // Answered confidently, then escalated for security alone: the bot did not fail on either question.
        await _history.ConversationAsync(Morning.AddHours(4),
            new Asks("How do I turn on two-factor authentication?"), new Answers("## Turning on two-factor authentication …", 0.9, Passage("signing-in-and-two-factor", "Turning on two-factor authentication")),
            new Asks("Someone changed my password and it was not me"), new Escalates(ReasonCategory.SecurityCompliance, "security", OnLastCustomerMessage: true));
        // The next day: outside the range.
        await _history.ConversationAsync(Morning.AddDays(1), new Asks("Can I pay with a cheque?"), new Answers("I'm not sure I can answer that one.", 0.1));

        var scan = await Reporter().FailedQuestionsAsync(Day, Day);

        Assert.Equal(
            [
                ("Can I pay with bitcoin?", GapFailure.LowConfidence, false),
                ("How do I change the card you charge every month?", GapFailure.NotHelped, false),
                ("Why does my dashboard show no data since Monday?", GapFailure.Escalated, true),
            ],
            scan.Questions.Select(q => (q.Text, q.Failure, q.Escalated)));
        Assert.Equal([card, invoiceDetails], scan.Questions[1].PassageIds);
        Assert.Empty(scan.Questions[0].PassageIds);
    }

    [Fact]
    public async Task ParaphrasesOfOneQuestionShareAClusterAndAnUnrelatedOneStandsAloneLargestFirst()
    {
        string[] cancel = ["How do I cancel my subscription?", "I want to cancel my plan, how do I do that?", "Where can I cancel my account subscription?"];
        string[] sftp = ["Can exports be delivered to our SFTP server?", "Is it possible to send scheduled exports to an SFTP server?"];
        const string android = "Do you have an app for Android phones?";
        // Interleaved, and the smallest group asked first: the ranking is by size, not by time.
        string[] asked = [android, sftp[0], cancel[0], sftp[1], cancel[1], cancel[2]];
        for (var i = 0; i < asked.Length; i++)
            await _history.ConversationAsync(Morning.AddMinutes(10 * i), new Asks(asked[i]), new Answers("I'm not sure I can answer that one.", 0.2));

        var report = await Reporter().ReportAsync(Day, Day);

        Assert.Equal([(1, 3), (2, 2), (3, 1)], report.Clusters.Select(c => (c.Rank, c.Questions)));
        Assert.Equal(cancel.Order(), report.Clusters[0].Examples.Select(e => e.Question.Text).Order());
        Assert.Contains(report.Clusters[0].Representative, cancel);
        Assert.Equal(sftp.Order(), report.Clusters[1].Examples.Select(e => e.Question.Text).Order());
        Assert.Equal(android, report.Clusters[2].Representative);
        Assert.Equal((6, 6, 6), (report.FailedQuestions, report.Clustered, report.ConversationsRead));
    }

    [Fact]
    public async Task NamesTheArticlesTheBotAnsweredWithAndCountsTheQuestionsAnsweredWithout()
    {
        var card = Passage("billing-and-payment-methods", "Updating your card");
        await _history.ConversationAsync(Morning, new Asks("How do I change the credit card on my account?"), new Answers("## Updating your card …", 0.8, card), new SaysNo("no, that did not help"));
        await _history.ConversationAsync(Morning.AddHours(1), new Asks("How can I update the credit card on my account?"), new Answers("## Updating your card …", 0.7, card), new SaysNo("nope, didn't work"));
        await _history.ConversationAsync(Morning.AddHours(2), new Asks("Where do I change the credit card for my account?"), new Answers("I'm not sure I can answer that one.", 0.3));
        // An article an admin has since deleted is still named, by its slug.
        await _history.ConversationAsync(Morning.AddHours(3), new Asks("How do I replace the credit card on my account?"), new Answers("## Cards …", 0.2, "old-billing#cards"));

        var report = await Reporter().ReportAsync(Day, Day);

        var cluster = Assert.Single(report.Clusters);
        Assert.Equal(
            [
                new GapArticle("billing-and-payment-methods", "Billing and payment methods", card, "Updating your card", 2),
                new GapArticle("old-billing", null, "old-billing#cards", null, 1),
            ],
            cluster.Articles);
        Assert.Equal((4, 1, 2, 2), (cluster.Questions, cluster.NoArticle, cluster.LowConfidence, cluster.NotHelped));
    }

    [Fact]
    public async Task ExamplesShowTheTranscriptAroundTheQuestionFromDifferentConversations()
    {
        await _history.ConversationAsync(Morning,
            new Asks("Hi there"), new Answers("Hello! What can I help with?", 0.9),
            new Asks("How do I delete my workspace?"), new Answers("I'm not sure I can answer that one.", 0.2),
            new Asks("How can I remove my whole workspace?"), new Answers("I'm not sure I can answer that one.", 0.2),
            new Escalates(ReasonCategory.AutomationUncertainty, "bot-low-confidence"));
        await _history.ConversationAsync(Morning.AddHours(1), new Asks("How do I delete my workspace and all its data?"), new Answers("I'm not sure I can answer that one.", 0.2));
        await _history.ConversationAsync(Morning.AddHours(2), new Asks("Can I delete my workspace myself?"), new Answers("I'm not sure I can answer that one.", 0.2));
        await _history.ConversationAsync(Morning.AddHours(3), new Asks("Where do I go to delete a workspace?"), new Answers("I'm not sure I can answer that one.", 0.2));

        var report = await Reporter().ReportAsync(Day, Day);

        var cluster = Assert.Single(report.Clusters);
        Assert.Equal((5, 4, 1), (cluster.Questions, cluster.Conversations, cluster.Escalated));
        Assert.Equal(0.2, cluster.EscalatedShare, 6);
        Assert.Equal(BotGapReporter.ExamplesPerCluster, cluster.Examples.Count);
        Assert.Equal(cluster.Examples.Count, cluster.Examples.Select(e => e.Question.ConversationId).Distinct().Count());
        Assert.True(cluster.Examples.Zip(cluster.Examples.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity), "Examples closest to the centroid come first.");
        foreach (var example in cluster.Examples)
            Assert.Equal(example.Question.Text, Assert.Single(example.Question.Transcript, l => l.IsQuestion).Text);
        // The first conversation's questions: the greeting's turn comes before them in their excerpts.
        var first = (await Reporter().FailedQuestionsAsync(Day, Day)).Questions.Single(q => q.Text == "How can I remove my whole workspace?");
        Assert.Equal(["How do I delete my workspace?", "I'm not sure I can answer that one.", "How can I remove my whole workspace?", "I'm not sure I can answer that one."],
            first.Transcript.Select(l => l.Text));
    }

    [Fact]
    public async Task AnEmptyRangeHasNoClusters()
    {
        var empty = await Reporter().ReportAsync(Day, Day);
        await _history.ConversationAsync(Morning, new Asks("Can I pay with bitcoin?"), new Answers("I'm not sure I can answer that one.", 0.2));

        var later = await Reporter().ReportAsync(Day.AddDays(1), Day.AddDays(7));

        foreach (var report in new[] { empty, later })
        {
            Assert.Empty(report.Clusters);
            Assert.Equal((0, 0, 0, false), (report.FailedQuestions, report.Clustered, report.ConversationsRead, report.QuestionsCapped));
        }
    }

    [Fact]
    public async Task KeepsTheLatestQuestionsWhenThereAreMoreThanTheCap()
    {
        string[] asked = ["Can I pay with bitcoin?", "Do you have an app for Android phones?", "Is there a discount for charities?"];
        for (var i = 0; i < asked.Length; i++)
            await _history.ConversationAsync(Morning.AddHours(i), new Asks(asked[i]), new Answers("I'm not sure I can answer that one.", 0.2));

        var report = await Reporter(new BotGapOptions { MaxQuestions = 2 }).ReportAsync(Day, Day);

        Assert.Equal((3, 2, true), (report.FailedQuestions, report.Clustered, report.QuestionsCapped));
        Assert.Equal(asked[1..].Order(), report.Clusters.Select(c => c.Representative).Order());
    }

    private static string Passage(string slug, string heading) => Knowledge.Article(slug)!.Passages.Single(p => p.Heading == heading).Id;

    private BotGapReporter Reporter(BotGapOptions? options = null) => new(_factory, SharedEmbedder.Instance, new KnowledgeLibrary(SharedRetriever.Instance),
        new FixedOptionsMonitor<BotGapOptions>(options ?? Shipped()), new FixedOptionsMonitor<TriggerOptions>(new TriggerOptions()), Options.Create(new MetricsOptions()));

    private static BotGapOptions Shipped() =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<BotGapOptions>(ShippedSettings.Configuration.GetSection(BotGapOptions.Section))!;
}

/// <summary>Options that never change, for a Core service that reads the current value.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;
    public T Get(string? name) => value;
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
