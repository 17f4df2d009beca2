using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;

namespace AgentConsole.Tests.Core.Triggers.Classification;

/// <summary>The learned labels (asking for a person, complaining): the nearest labelled messages vote, and either a vote or the phrases can fire.</summary>
public sealed class MessageLabelVoteTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Vocabulary = ["ring", "number", "callback", "actual", "invoice", "driver", "delivery", "weather"];

    private static readonly CategoryExample[] Examples =
    [
        new(IssueCategory.Billing, "invoice"), new(IssueCategory.ProductQuestion, "delivery driver"), new(IssueCategory.Other, "weather"),
    ];

    private static readonly LabelledMessage[] Requests =
    [
        new("number ring", true, false), new("callback", true, false), new("actual callback", true, false),
        new("driver ring", false, false), new("delivery driver", false, true), new("invoice", false, false), new("weather", false, false),
    ];

    [Fact]
    public void AMessageLikeTheLabelledRequestsIsLikelyARequestAndOneLikeTheNearMissesIsNot()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples, Requests);

        var predictions = classifier.Classify(["is there a number I can ring", "a callback please", "can the delivery driver ring first", "that delivery driver"]);

        Assert.True(predictions[0].PersonRequest > 0.5, $"{predictions[0].PersonRequest:F2}");
        Assert.True(predictions[1].PersonRequest > 0.5, $"{predictions[1].PersonRequest:F2}");
        Assert.True(predictions[2].PersonRequest < 0.5, $"{predictions[2].PersonRequest:F2}");
        // The complaint vote is learned from the same messages, by their own label.
        Assert.True(predictions[3].Complaint > 0.5 && predictions[0].Complaint < 0.5, $"{predictions[3].Complaint:F2} {predictions[0].Complaint:F2}");
    }

    [Fact]
    public void LearnedMessagesRetrainTheVotesAtOnceAndReplaceTheLastOnes()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples, Requests);
        var before = classifier.Classify(["number ring"]).Single().PersonRequest;

        // The desk approved, three times over, that these words asked for no one.
        classifier.SetLearnedMessages([new("number ring", false, false), new("number ring", false, false), new("number ring", false, false)]);
        var taught = classifier.Classify(["number ring"]).Single().PersonRequest;
        classifier.SetLearnedMessages([]);
        var withdrawn = classifier.Classify(["number ring"]).Single().PersonRequest;

        Assert.True(before > 0.5, $"{before:F2}");
        Assert.True(taught < 0.5, $"{taught:F2}");
        Assert.Equal(before, withdrawn);
    }

    [Fact]
    public void WithoutLabelledRequestsTheChanceIsZero()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples);

        Assert.Equal(0, classifier.Classify(["is there a number I can ring"]).Single().PersonRequest);
    }

    [Fact]
    public void TheLearnedRequestEscalatesAsACustomerRequestUnlessTurnedOff()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples, Requests);
        var on = new TriggerOptions();
        var off = new TriggerOptions { HumanRequest = { ClassifierConfidence = 1 } };

        var asked = Decide(classifier, on, "ring that number please");
        var turnedOff = Decide(classifier, off, "ring that number please");

        var reason = Assert.Single(asked.Reasons, r => r.Category == ReasonCategory.CustomerRequest);
        Assert.True(asked.Escalate);
        Assert.Contains("ring that number please", reason.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(turnedOff.Reasons, r => r.Category == ReasonCategory.CustomerRequest);
    }

    [Fact]
    public void TheLearnedComplaintEscalatesForSentimentUnlessTurnedOff()
    {
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples, Requests);
        var off = new TriggerOptions { Sentiment = { ClassifierConfidence = 1 } };

        var complained = Decide(classifier, new TriggerOptions(), "the delivery driver, again");
        var turnedOff = Decide(classifier, off, "the delivery driver, again");

        var reason = Assert.Single(complained.Reasons, r => r.Trigger == "complaint");
        Assert.Equal(ReasonCategory.Sentiment, reason.Category);
        Assert.True(complained.Escalate);
        Assert.DoesNotContain(turnedOff.Reasons, r => r.Trigger == "complaint");
    }

    [Fact]
    public void TheComplaintVoteDoesNotSpeakForAPlainQuestionButDoesForAQuestionWithNegativeTone()
    {
        // The words sit among the complaints, so the vote alone would call every one of them a complaint.
        var classifier = new EmbeddingIssueClassifier(new WordEmbedder(Vocabulary), Examples, Requests);
        Assert.True(classifier.Classify(["is the delivery driver on the way?"]).Single().Complaint > 0.5);

        var plain = Decide(classifier, new TriggerOptions(), "is the delivery driver on the way?");
        var statement = Decide(classifier, new TriggerOptions(), "the delivery driver left it outside");
        var annoyed = Decide(classifier, new TriggerOptions(), "why is the delivery driver so useless?");

        Assert.DoesNotContain(plain.Reasons, r => r.Trigger == "complaint");
        Assert.Contains(statement.Reasons, r => r.Trigger == "complaint");
        Assert.Contains(annoyed.Reasons, r => r.Category == ReasonCategory.Sentiment);
    }

    private static EscalationDecision Decide(IIssueClassifier classifier, TriggerOptions options, string text)
    {
        var engine = new TriggerEngine(classifier, () => options);
        var state = new TriggerState();
        engine.Apply(state, [new TriggerInput(TriggerInputKind.CustomerMessage, text, Now)]);
        return engine.Decide(state, null, Now);
    }
}
