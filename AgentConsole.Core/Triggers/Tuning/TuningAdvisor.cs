using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// Reads a span of the desk's history and runs every tuning rule over it: the keyword-repeat
/// threshold, the frustration threshold and missed human-request phrasings. Proposes; stores nothing.
/// </summary>
public sealed class TuningAdvisor(IDbContextFactory<AgentConsoleDbContext> dbFactory)
{
    private static readonly Func<TuningInput, IEnumerable<ProposedChange>>[] Rules =
        [KeywordRepeatRule.Propose, FrustrationRule.Propose, HumanRequestPhraseRule.Propose];

    /// <summary>The changes the history of [<paramref name="start"/>, <paramref name="end"/>) speaks for, under the settings <paramref name="current"/>.</summary>
    public async Task<IReadOnlyList<ProposedChange>> ProposeAsync(DateTime start, DateTime end, TriggerOptions current, TuningOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        TriggerVocabulary.FillUnsetLists(current);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = await TuningHistory.CasesAsync(db, start, end, cancellationToken);
        var (conversations, _) = await TuningHistory.BotPhasesAsync(db, start, end, options.MaxConversations, cancellationToken);
        var input = new TuningInput(start, cases, conversations, current, options);
        return Rules.SelectMany(rule => rule(input)).ToList();
    }
}
