using AgentConsole.Core.Conversations;
using AgentConsole.Core.Settings;
using AgentConsole.Core.Triggers.Requests;

namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>
/// Proposes adding a phrasing to the human-request phrases when customers used it, the detector
/// missed it, and their conversations escalated late (by the unresolved timer or after many bot
/// replies). Candidates come from the customers' own messages (<see cref="CandidatePhrases"/>); one
/// is proposed only when enough late conversations used it, most conversations that used it
/// escalated late, and the detector with the phrase added hears it in them.
/// </summary>
public static class HumanRequestPhraseRule
{
    public const string SettingKey = "Triggers:HumanRequest:ExtraPhrases";

    /// <summary>The most phrases proposed at once.</summary>
    public const int MaxProposals = 3;

    public static IEnumerable<ProposedChange> Propose(TuningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Options;
        var human = input.Triggers.HumanRequest;
        if (!human.Enabled) return [];
        var detector = new HumanRequestDetector(human.ExtraPhrases);
        var known = new HashSet<string>(human.ExtraPhrases.Select(p => p.Trim().ToLowerInvariant()), StringComparer.Ordinal);

        // Phrase → the conversations whose missed messages used it, and those messages.
        var uses = new Dictionary<string, Dictionary<Guid, List<string>>>(StringComparer.Ordinal);
        var late = new Dictionary<Guid, BotPhase>();
        foreach (var conversation in input.Conversations)
        {
            if (conversation.EscalatedLate(options.LateAfterBotReplies)) late[conversation.ConversationId] = conversation;
            foreach (var message in conversation.Messages.Where(m => m.Author == MessageAuthor.Customer))
            {
                if (detector.Detect(message.Text) is not null) continue;
                foreach (var phrase in CandidatePhrases.Of(message.Text))
                {
                    if (known.Contains(phrase)) continue;
                    if (!uses.TryGetValue(phrase, out var byConversation)) uses[phrase] = byConversation = [];
                    if (!byConversation.TryGetValue(conversation.ConversationId, out var texts)) byConversation[conversation.ConversationId] = texts = [];
                    texts.Add(message.Text);
                }
            }
        }

        var qualified = uses
            .Select(u => (Phrase: u.Key, All: u.Value.Count, Late: u.Value.Where(c => late.ContainsKey(c.Key)).ToList()))
            .Where(p => p.Late.Count >= options.MinimumLateConversations && (double)p.Late.Count / p.All >= options.PhraseLateShare)
            .OrderByDescending(p => p.Late.Count).ThenBy(p => p.Phrase.Count(c => c == ' ')).ThenBy(p => p.Phrase, StringComparer.Ordinal);

        var proposals = new List<ProposedChange>();
        var chosen = new List<string>();
        foreach (var (phrase, all, lateUses) in qualified)
        {
            if (proposals.Count == MaxProposals) break;
            if (chosen.Any(c => CandidatePhrases.ContainsWords(phrase, c) || CandidatePhrases.ContainsWords(c, phrase))) continue;
            var with = new HumanRequestDetector(human.ExtraPhrases.Append(phrase));
            var heard = lateUses.Where(c => c.Value.Any(text => with.Detect(text) is not null)).Select(c => late[c.Key]).ToList();
            if (heard.Count < options.MinimumLateConversations) continue;
            chosen.Add(phrase);
            proposals.Add(Proposal(input, phrase, all, heard, lateUses[0].Value[0]));
        }
        return proposals;
    }

    private static ProposedChange Proposal(TuningInput input, string phrase, int all, List<BotPhase> heard, string example)
    {
        var current = input.Triggers.HumanRequest.ExtraPhrases;
        return new ProposedChange(TuningSuggestionKind.AddHumanRequestPhrase, SettingKey,
            SettingValues.Format(SettingKind.TextList, current), SettingValues.Format(SettingKind.TextList, current.Append(phrase).ToArray()), phrase,
            $"Add '{phrase}' to the human-request phrases: {heard.Count} conversations asked this way and escalated late.",
            $"Since {input.SinceText}, {all} conversations said \"{phrase}\" without the detector hearing a request; {heard.Count} of them escalated late " +
            $"(by the unresolved timer or after {input.Options.LateAfterBotReplies}+ bot replies), and with the phrase added the detector hears it in each of those. " +
            $"For example: \"{TriggerState.Quote(example)}\"",
            all, heard.Count, heard.OrderByDescending(c => c.CreatedAt).Select(c => c.FirstCase!.CaseId).Take(ProposedChange.MaxExamples).ToList());
    }
}
