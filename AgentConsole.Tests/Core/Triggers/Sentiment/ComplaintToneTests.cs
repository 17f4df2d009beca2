using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Core.Triggers.Sentiment;

/// <summary>
/// Complaints without swear words: sarcasm, threats to leave or to go public, rhetorical questions.
/// They escalate for sentiment from the lexicon stage alone; thanks that mean thanks do not. Every
/// sentence here was written for this test.
/// </summary>
public sealed class ComplaintToneTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc);
    private readonly TriggerEngine _engine = new(new KeywordClassifier(), () => new TriggerOptions());

    private bool Complains(string text) =>
        _engine.Evaluate([new TriggerInput(TriggerInputKind.CustomerMessage, text, Now)], null, Now)
            .Reasons.Any(r => r.Category == ReasonCategory.Sentiment);

    [Theory]
    [InlineData("Oh perfect, the card payment failed and you still charged me a fee")]
    [InlineData("thanks for nothing, the parcel never came")]
    [InlineData("if this isn't sorted by Monday it's going all over twitter")]
    [InlineData("honestly what am I paying you for at this point")]
    [InlineData("I'll be leaving a review on every site I can find")]
    [InlineData("is this how you treat people who have been with you for ten years")]
    [InlineData("the line cuts out every few minutes. brilliant service")]
    [InlineData("a whole weekend without heating. oh wonderful")]
    [InlineData("still being charged for the plan I dropped in May. thanks a lot")]
    [InlineData("every update something else breaks. love how nobody tests anything")]
    public void HearsComplaintsWithoutSwearWords(string text) =>
        Assert.True(Complains(text));

    [Theory]
    [InlineData("Great, thanks for that, it worked!")]
    [InlineData("perfect, that's exactly what I needed")]
    [InlineData("thanks for the quick reply")]
    [InlineData("where can I leave a review of the app")]
    [InlineData("there was no signal in the tunnel but it's fine now, brilliant service as always")]
    public void TakesSincereThanksAtFaceValue(string text) =>
        Assert.False(Complains(text));
}
