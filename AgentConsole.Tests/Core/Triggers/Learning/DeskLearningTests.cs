using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Learning;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Triggers.Learning;

/// <summary>
/// Agents' verdicts become candidate examples through the real engine (a resolution in another
/// category, an "unnecessary escalation" flag); nothing is learned until an admin approves, and an
/// approval reaches the classifier at once.
/// </summary>
public sealed class DeskLearningTests
{
    /// <summary>Records what the store pushes to the classifier.</summary>
    private sealed class RecordingClassifier : IIssueClassifier
    {
        public List<IReadOnlyList<CategoryExample>> ExampleSets { get; } = [];
        public List<IReadOnlyList<LabelledMessage>> LearnedSets { get; } = [];

        public IReadOnlyList<CategoryPrediction> Classify(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The learning never classifies.");

        public void SetExamples(IReadOnlyList<CategoryExample> examples) => ExampleSets.Add(examples);

        public void SetLearnedMessages(IReadOnlyList<LabelledMessage> learned) => LearnedSets.Add(learned);
    }

    private static AgentConsole.Core.Audit.AuditActor Admin(string name) => new($"id-{name}", name);

    private sealed record Desk(EngineHarness H, DeskLearning Learning, RecordingClassifier Classifier, long Recategorised, long Unnecessary, long Confirmed);

    /// <summary>
    /// Three Billing cases Ana works: one she resolves as Technical, one she flags as an unnecessary
    /// escalation (it escalated as a request for a person), and one she resolves confirming Billing.
    /// </summary>
    private static async Task<Desk> DeskAsync()
    {
        var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team, capacity: 5);
        await h.StartAsync();
        var actor = EngineHarness.As(ana);
        var recategorised = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(recategorised, actor);
        await h.Engine.ResolveAsync(recategorised, "It was the export, not the bill", IssueCategory.Technical, actor);
        var unnecessary = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(unnecessary, actor);
        await h.Engine.FlagAsync(unnecessary, CaseFlag.UnnecessaryEscalation, "They only wanted the help page", actor);
        var confirmed = await h.OpenCaseAsync();
        await h.Engine.AcceptOfferAsync(confirmed, actor);
        await h.Engine.ResolveAsync(confirmed, "Refunded", IssueCategory.Billing, actor);

        var classifier = new RecordingClassifier();
        var learning = new DeskLearning(h.DbFactory, new CategoryExampleStore(h.DbFactory, classifier, h.Clock), h.Clock);
        return new Desk(h, learning, classifier, recategorised, unnecessary, confirmed);
    }

    private static async Task<List<CategoryExampleRecord>> ExamplesAsync(EngineHarness h)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        return await db.CategoryExamples.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task AResolutionInAnotherCategoryAndAnUnnecessaryFlagAreCandidatesAndNothingIsLearnedBeforeAnApproval()
    {
        // Arrange
        var desk = await DeskAsync();
        await using var _ = desk.H;

        // Act
        var candidates = await desk.Learning.CandidatesAsync();

        // Assert: the confirmed case teaches nothing; the classifier heard nothing and the examples are as they were.
        Assert.Equal([(desk.Unnecessary, LearningSource.Unnecessary), (desk.Recategorised, LearningSource.Recategorised)],
            candidates.Select(c => (c.CaseId, c.Source)).OrderByDescending(c => c.Source));
        var moved = candidates.Single(c => c.Source == LearningSource.Recategorised);
        Assert.Equal((IssueCategory.Billing, (IssueCategory?)IssueCategory.Technical), (moved.ClassifiedAs, moved.ConfirmedAs));
        Assert.Matches(@"^I need help with Billing \(conversation \d+\)$", moved.ProposedText);
        Assert.Equal(moved.ProposedText, Assert.Single(moved.Messages).Text);
        var flagged = candidates.Single(c => c.Source == LearningSource.Unnecessary);
        Assert.Equal(("They only wanted the help page", ReasonCategory.CustomerRequest), (flagged.Comment, Assert.Single(flagged.Reasons)));
        Assert.Empty(desk.Classifier.ExampleSets);
        Assert.Empty(desk.Classifier.LearnedSets);
        Assert.Empty(await ExamplesAsync(desk.H));
    }

    [Fact]
    public async Task ApprovingARecategorisedCaseStoresTheExampleWithTheDecisionAndTeachesTheClassifierAtOnce()
    {
        // Arrange
        var desk = await DeskAsync();
        await using var _ = desk.H;

        // Act: the admin edits the words and keeps the agent's category.
        var decision = await desk.Learning.ApproveAsync(desk.Recategorised, LearningSource.Recategorised, "  my export of last quarter fails  ", Admin("admin@desk.example"));

        // Assert
        var example = Assert.Single(await ExamplesAsync(desk.H));
        Assert.Equal((IssueCategory.Technical, "my export of last quarter fails", false), (example.Category, example.Text, example.Seeded));
        Assert.Equal((true, (IssueCategory?)IssueCategory.Technical, (int?)example.Id, "admin@desk.example", desk.H.Now),
            (decision.Approved, decision.Category, decision.ExampleId, decision.DecidedBy, decision.DecidedAt));
        Assert.Contains(new CategoryExample(IssueCategory.Technical, "my export of last quarter fails"), Assert.Single(desk.Classifier.ExampleSets));
        Assert.DoesNotContain(await desk.Learning.CandidatesAsync(), c => c.CaseId == desk.Recategorised);
        await using (var db = await desk.H.DbFactory.CreateDbContextAsync())
        {
            var audit = Assert.Single(await db.AuditEntries.AsNoTracking().ToListAsync());
            Assert.Equal(("learning.approved", $"case:{desk.Recategorised}", "admin@desk.example", desk.H.Now), (audit.Action, audit.Target, audit.ActorName, audit.At));
        }
        var stored = Assert.Single(await desk.Learning.DecidedAsync());
        Assert.Equal((desk.Recategorised, LearningSource.Recategorised, "my export of last quarter fails"), (stored.CaseId, stored.Source, stored.Text));
    }

    [Fact]
    public async Task ApprovingAnUnnecessaryEscalationTeachesAMessageThatAsksForNoOneAndComplainsOfNothing()
    {
        // Arrange
        var desk = await DeskAsync();
        await using var _ = desk.H;
        var candidate = (await desk.Learning.CandidatesAsync()).Single(c => c.Source == LearningSource.Unnecessary);

        // Act
        await desk.Learning.ApproveAsync(desk.Unnecessary, LearningSource.Unnecessary, candidate.ProposedText, Admin("admin@desk.example"));

        // Assert: no category example; the learned labels get the message, and keep it on every later reload.
        Assert.Empty(await ExamplesAsync(desk.H));
        Assert.Equal([new LabelledMessage(candidate.ProposedText, false, false)], Assert.Single(desk.Classifier.LearnedSets));
        await new CategoryExampleStore(desk.H.DbFactory, desk.Classifier, desk.H.Clock).ReloadAsync();
        Assert.Equal([new LabelledMessage(candidate.ProposedText, false, false)], desk.Classifier.LearnedSets[^1]);
    }

    [Fact]
    public async Task ARejectionLearnsNothingAndIsRecordedWithWhoAndWhen()
    {
        // Arrange
        var desk = await DeskAsync();
        await using var _ = desk.H;
        await desk.H.AdvanceAsync(TimeSpan.FromMinutes(5));

        // Act
        var decision = await desk.Learning.RejectAsync(desk.Unnecessary, LearningSource.Unnecessary, Admin("admin@desk.example"));

        // Assert
        Assert.Equal((false, (string?)null, "admin@desk.example", desk.H.Now), (decision.Approved, decision.Text, decision.DecidedBy, decision.DecidedAt));
        Assert.Empty(desk.Classifier.ExampleSets);
        Assert.Empty(desk.Classifier.LearnedSets);
        Assert.Equal([desk.Recategorised], (await desk.Learning.CandidatesAsync()).Select(c => c.CaseId));
    }

    [Fact]
    public async Task ACandidateIsDecidedOnceAndACaseWithNothingToTeachIsRefused()
    {
        // Arrange
        var desk = await DeskAsync();
        await using var _ = desk.H;
        await desk.Learning.ApproveAsync(desk.Recategorised, LearningSource.Recategorised, "my export fails", Admin("first@desk.example"));

        // Act
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            desk.Learning.ApproveAsync(desk.Recategorised, LearningSource.Recategorised, "my export fails", Admin("second@desk.example")));
        var rejectAfter = await Assert.ThrowsAsync<DomainException>(() => desk.Learning.RejectAsync(desk.Recategorised, LearningSource.Recategorised, Admin("second@desk.example")));
        var confirmed = await Assert.ThrowsAsync<DomainException>(() =>
            desk.Learning.ApproveAsync(desk.Confirmed, LearningSource.Recategorised, "refund please", Admin("admin@desk.example")));
        var notFlagged = await Assert.ThrowsAsync<DomainException>(() =>
            desk.Learning.ApproveAsync(desk.Recategorised, LearningSource.Unnecessary, "my export fails", Admin("admin@desk.example")));
        var blank = await Assert.ThrowsAsync<DomainException>(() =>
            desk.Learning.ApproveAsync(desk.Unnecessary, LearningSource.Unnecessary, "   ", Admin("admin@desk.example")));

        // Assert
        Assert.Contains("already approved by first@desk.example", again.Message);
        Assert.Contains("already approved", rejectAfter.Message);
        Assert.Contains("nothing to teach", confirmed.Message);
        Assert.Contains("nothing to teach", notFlagged.Message);
        Assert.Contains("customer's words", blank.Message);
        Assert.Single(await ExamplesAsync(desk.H));
        Assert.Single(await desk.Learning.DecidedAsync());
    }

    [Fact]
    public async Task ErasingTheCustomerErasesWhatTheirCasesTaughtAndTheExampleItAdded()
    {
        // Arrange: both of the customer's cases are approved, the recategorised one with words the admin edited.
        var desk = await DeskAsync();
        await using var _ = desk.H;
        await desk.Learning.ApproveAsync(desk.Recategorised, LearningSource.Recategorised, "edited words about an export", Admin("admin@desk.example"));
        await desk.Learning.ApproveAsync(desk.Unnecessary, LearningSource.Unnecessary, "words that asked for no one", Admin("admin@desk.example"));
        string customer;
        await using (var db = await desk.H.DbFactory.CreateDbContextAsync())
            customer = await db.Cases.Where(c => c.Id == desk.Recategorised).Select(c => c.Conversation!.Customer!.ExternalId).SingleAsync();
        foreach (var id in new[] { desk.Unnecessary, desk.Confirmed })
        {
            // Each case of the harness has its own customer: put the other two under the same one.
            await using var db = await desk.H.DbFactory.CreateDbContextAsync();
            var customerId = await db.Customers.Where(c => c.ExternalId == customer).Select(c => c.Id).SingleAsync();
            var conversationId = await db.Cases.Where(c => c.Id == id).Select(c => c.ConversationId).SingleAsync();
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, customerId));
        }

        await desk.H.Engine.ResolveAsync(desk.Unnecessary, "Pointed them to the help page", RoutingActor.ForSupervisor());

        // Act
        await new AgentConsole.Core.Privacy.CustomerErasure(desk.H.DbFactory, desk.H.Clock, new CategoryExampleStore(desk.H.DbFactory, desk.Classifier, desk.H.Clock))
            .EraseAsync(customer, "user:admin@desk.example");

        // Assert: the decisions stay as the record of who decided what; the words and the example are gone, and the classifier reloaded without them.
        Assert.Empty(await ExamplesAsync(desk.H));
        Assert.All(await desk.Learning.DecidedAsync(), d => Assert.Equal("[erased]", d.Text));
        Assert.Empty(desk.Classifier.LearnedSets[^1]);
        Assert.DoesNotContain(desk.Classifier.ExampleSets[^1], e => e.Text.Contains("export", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnnecessaryEscalationProposesTheMessageThatFiredAndOneForAnotherReasonIsNoCandidate()
    {
        // Arrange: two conversations flagged unnecessary, one that escalated on its second message as a request for a person, one on a keyword repeat.
        await using var h = await EngineHarness.CreateAsync();
        long fired, keyword;
        await using (var db = await h.DbFactory.CreateDbContextAsync())
        {
            var conversation = new Conversation(h.Integration, "conv-fired", "web", h.Now);
            var first = conversation.AddMessage(MessageAuthor.Customer, "hello there, quick question about my plan", h.Now, "f-1");
            var second = conversation.AddMessage(MessageAuthor.Customer, "who do I talk to about the help page", h.Now.AddMinutes(1), "f-2");
            var later = conversation.AddMessage(MessageAuthor.Customer, "a message after the case opened", h.Now.AddMinutes(5), "f-3");
            db.Conversations.Add(conversation);
            db.Messages.AddRange(first, second, later);
            await db.SaveChangesAsync();
            var requested = Case(conversation, new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "who do I talk to", second.Id));
            var other = new Conversation(h.Integration, "conv-keyword", "web", h.Now);
            db.Conversations.Add(other);
            db.Messages.Add(other.AddMessage(MessageAuthor.Customer, "refund refund refund", h.Now, "k-1"));
            await db.SaveChangesAsync();
            var repeated = Case(other, new EscalationReason(ReasonCategory.Complexity, "keyword-repeat", "\"refund\" said 3 times"));
            db.Cases.AddRange(requested, repeated);
            await db.SaveChangesAsync();
            (fired, keyword) = (requested.Id, repeated.Id);
        }
        var learning = new DeskLearning(h.DbFactory, new CategoryExampleStore(h.DbFactory, new RecordingClassifier(), h.Clock), h.Clock);

        // Act
        var candidates = await learning.CandidatesAsync();

        // Assert: the words that fired, from the messages sent before the case opened.
        var candidate = Assert.Single(candidates);
        Assert.Equal((fired, "who do I talk to about the help page"), (candidate.CaseId, candidate.ProposedText));
        Assert.Equal(["hello there, quick question about my plan", "who do I talk to about the help page"], candidate.Messages.Select(m => m.Text));
        await Assert.ThrowsAsync<DomainException>(() => learning.ApproveAsync(keyword, LearningSource.Unnecessary, "refund refund refund", Admin("admin@desk.example")));

        Case Case(Conversation conversation, EscalationReason reason)
        {
            var @case = new Case(conversation, EscalationDecision.Escalated([reason], IssueCategory.Billing, 0.8, CasePriority.Normal, Skill.Billing,
                AgentTier.Frontline, -0.1, SentimentTrend.Steady), "briefing", h.Now.AddMinutes(2));
            @case.Flag(CaseFlag.UnnecessaryEscalation, null, h.Now.AddMinutes(3), ActorKind.Agent, "agent-1");
            return @case;
        }
    }
}
