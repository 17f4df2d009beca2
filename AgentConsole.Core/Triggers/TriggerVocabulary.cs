using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Core.Triggers;

/// <summary>
/// The built-in phrase lists of the triggers, one text file each under
/// <c>Triggers/Resources/Rules</c>. A list that configuration gives (<c>Triggers:Security:Phrases</c>
/// and the like, in the settings file or stored by an admin) replaces its built-in list; this is
/// the one place where a list that configuration leaves unset becomes the built-in one.
/// </summary>
public static class TriggerVocabulary
{
    /// <summary>
    /// Sets every phrase list of <paramref name="options"/> that is still null to a copy of its
    /// built-in list, and leaves the lists that configuration gave, even empty ones, as they are.
    /// Calling it again changes nothing.
    /// </summary>
    public static void FillUnsetLists(TriggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.KeywordRepeat.Keywords ??= BuiltIn("repeat-keywords");
        options.BotUncertainty.CannotHelpPhrases ??= BuiltIn("cannot-help-phrases");

        var sentiment = options.Sentiment;
        sentiment.ComplaintPhrases ??= BuiltIn("complaint-phrases");
        sentiment.ComplaintNouns ??= BuiltIn("complaint-nouns");
        sentiment.ComplaintVerbs ??= BuiltIn("complaint-verbs");
        sentiment.ClaimAgainstWords ??= BuiltIn("claim-against-words");

        var complexity = options.Complexity;
        complexity.DisputePhrases ??= BuiltIn("dispute-phrases");
        complexity.DisputeExemptions ??= BuiltIn("dispute-exemptions");
        complexity.PaymentWords ??= BuiltIn("payment-words");
        complexity.ProblemWords ??= BuiltIn("problem-words");
        complexity.ClosureWords ??= BuiltIn("closure-words");
        complexity.AccountWords ??= BuiltIn("account-words");
        complexity.BlockedWords ??= BuiltIn("blocked-words");
        complexity.DefectPhrases ??= BuiltIn("defect-phrases");

        options.Security.Phrases ??= BuiltIn("security-phrases");
        options.Security.Exemptions ??= BuiltIn("security-exemptions");
        options.CustomerValue.CancellationPhrases ??= BuiltIn("cancellation-phrases");
    }

    // A copy: options are mutable, and the shared list must not change under another reader.
    private static string[] BuiltIn(string list) => [.. WordLists.Get("Rules/" + list)];
}
