using System.Text;
using AgentConsole.Core.Chat.Knowledge;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Core.Chat;

public sealed class ConfidenceCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void ShipsAQuestionSetWithAThirdTheArticlesCannotAnswer()
    {
        var questions = LabelledQuestions.LoadBuiltIn();
        var knowledge = KnowledgeBase.LoadBuiltIn();

        Assert.InRange(questions.Count, 100, 200);
        Assert.InRange(questions.Count(q => q.ArticleSlug is null) / (double)questions.Count, 0.25, 0.4);
        Assert.All(questions.Where(q => q.ArticleSlug is not null), q => Assert.NotNull(knowledge.Article(q.ArticleSlug!)));
        Assert.All(knowledge.Articles, a => Assert.True(questions.Count(q => q.ArticleSlug == a.Slug) >= 5, $"{a.Slug} has fewer than 5 questions."));
        Assert.Equal(questions.Count, questions.Select(q => q.Text.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void StoredCoefficientsAreWhatTheShippedQuestionsFit()
    {
        var retriever = SharedRetriever.Instance;
        var samples = LabelledQuestions.LoadBuiltIn().Select(retriever.Measure).ToArray();

        var fitted = ConfidenceCalibration.Fit(samples);

        var stored = ConfidenceCalibration.LoadBuiltIn();
        output.WriteLine($"Fitted {fitted}; stored {stored}.");
        AssertClose(stored.Intercept, fitted.Intercept);
        AssertClose(stored.SimilarityWeight, fitted.SimilarityWeight);
        AssertClose(stored.MarginWeight, fitted.MarginWeight);
    }

    [Fact]
    public void PredictsHeldOutQuestionsBetterThanTheBaseRate()
    {
        var retriever = SharedRetriever.Instance;
        var samples = LabelledQuestions.LoadBuiltIn().Select(retriever.Measure).ToArray();
        var baseRate = samples.Average(s => s.IsRight ? 1.0 : 0.0);

        var heldOut = ConfidenceCalibration.LeaveOneOut(samples);

        var calibrated = ConfidenceCalibration.LogLoss(samples, heldOut);
        var constant = ConfidenceCalibration.LogLoss(samples, samples.Select(_ => baseRate).ToArray());
        output.WriteLine($"Leave-one-out log loss {calibrated:0.000} against {constant:0.000} for the base rate {baseRate:0.00}.");
        Assert.True(calibrated < 0.6 * constant, $"Leave-one-out log loss {calibrated:0.000} is not well below the base rate's {constant:0.000}.");
    }

    [Fact]
    public void RecoversTheCoefficientsThatGeneratedTheSamples()
    {
        var truth = new ConfidenceCalibration(-6, 10, 8);
        var random = new Random(7);
        var samples = Enumerable.Range(0, 4000).Select(_ =>
        {
            var similarity = random.NextDouble() * 0.8;
            var margin = random.NextDouble() * 0.4;
            return new CalibrationSample(similarity, margin, random.NextDouble() < truth.Confidence(similarity, margin));
        }).ToArray();

        var fitted = ConfidenceCalibration.Fit(samples);

        Assert.InRange(fitted.Intercept, -7, -5);
        Assert.InRange(fitted.SimilarityWeight, 8.5, 11.5);
        Assert.InRange(fitted.MarginWeight, 6, 10);
    }

    [Fact]
    public void RefusesToFitSamplesThatAreAllRight()
    {
        var samples = Enumerable.Range(0, 20).Select(i => new CalibrationSample(i / 20.0, 0.1, true)).ToArray();

        Assert.Throws<ArgumentException>(() => ConfidenceCalibration.Fit(samples));
    }

    [Theory]
    [InlineData("""{"intercept": 1, "similarity": 2}""", "\"margin\"")]
    [InlineData("""{"intercept": "1", "similarity": 2, "margin": 3}""", "\"intercept\"")]
    [InlineData("""{"intercept": 1, """, "not valid JSON")]
    public void RefusesCalibrationWithoutThreeNumbers(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ConfidenceCalibration.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ReadsQuestionsWithAndWithoutAnArticle()
    {
        var questions = LabelledQuestions.Parse(new MemoryStream(Encoding.UTF8.GetBytes("""
            {"text": " export failed ", "article": "exports"}

            {"text": "fix my car", "article": null}
            """)));

        Assert.Equal([new LabelledQuestion("export failed", "exports"), new LabelledQuestion("fix my car", null)], questions);
    }

    [Fact]
    public void RefusesAQuestionWithoutAnArticleField()
    {
        var error = Assert.Throws<FormatException>(() => LabelledQuestions.Parse(new MemoryStream(Encoding.UTF8.GetBytes("""{"text": "hello"}"""))));

        Assert.Contains("line 1: \"article\"", error.Message);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 0.02 + 0.01 * Math.Abs(expected), $"Stored {expected}, but the questions fit {actual}.");
}
