using System.Globalization;
using System.Text;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// Writes the handoff briefing: the Markdown the human reads first. It says who the customer is
/// and what they are worth, what they reported in their own words, what the bot and the customer
/// already tried, why it escalated, how the customer feels, and a suggested first message that
/// acknowledges what they already said. Every piece of customer text is escaped, so it reads as
/// text whatever it contains.
/// </summary>
public static class BriefingWriter
{
    public static string Write(ContextPackage context)
    {
        var md = new StringBuilder();
        var customer = context.Customer;
        var decision = context.Decision;
        var firstMessage = FirstSubstantiveCustomerMessage(context);
        var latestMessage = context.Transcript.LastOrDefault(m => m.Author == MessageAuthor.Customer);

        md.Append("**").Append(customer is null ? "An unidentified customer" : "Customer " + MarkdownText.Escape(customer.Name)).Append("**");
        if (customer is not null) md.Append(" (").Append(MarkdownText.Escape(Profile(customer, context.At))).Append(')');
        md.Append(' ').Append(Topic(decision.Category));
        if (firstMessage is not null) md.Append(": ").Append(MarkdownText.Quote(firstMessage.Text));
        md.AppendLine();
        if (latestMessage is not null && latestMessage.Id != firstMessage?.Id)
            md.AppendLine().Append("Latest from the customer: ").Append(MarkdownText.Quote(latestMessage.Text)).AppendLine();

        if (context.Transcript.LastOrDefault(m => m.Author == MessageAuthor.Bot) is { } botReply)
            md.AppendLine().Append("The bot's last reply: ").Append(MarkdownText.Quote(botReply.Text))
                .AppendLine(botReply.BotConfidence is { } confidence ? $" (confidence {confidence:0.00})" : "");

        var botAttempts = context.BotAttempts.ToList();
        if (botAttempts.Count > 0)
        {
            md.AppendLine().AppendLine(BriefingSections.HeadingLine(BriefingSections.BotAttempts));
            foreach (var attempt in botAttempts)
                md.Append("- ").Append(MarkdownText.Escape(attempt.Description)).Append(" — ").AppendLine(AttemptOutcomeNames.Of(attempt.Outcome));
        }
        var tries = context.CustomerTries.ToList();
        if (tries.Count > 0)
        {
            md.AppendLine().AppendLine(BriefingSections.HeadingLine(BriefingSections.CustomerTries));
            foreach (var attempt in tries) md.Append("- ").AppendLine(MarkdownText.Escape(attempt.Description));
        }

        md.AppendLine().AppendLine(BriefingSections.HeadingLine(BriefingSections.Reasons));
        foreach (var reason in decision.Reasons)
            md.Append("- ").Append(ReasonCategoryNames.Of(reason.Category)).Append(": ").AppendLine(MarkdownText.Escape(reason.Evidence));

        md.AppendLine();
        md.Append("- **Current emotional state:** ").AppendLine(EmotionalState(decision));
        if (customer is not null) md.Append("- **Account health:** ").AppendLine(AccountHealth(customer));
        md.Append("- **Priority:** ").Append(decision.Priority).Append(" · needs ").Append(decision.RequiredSkill).Append(" (").Append(decision.Tier).AppendLine(")");
        if (context.Page is { } page)
        {
            md.Append("- **Page:** ");
            var title = MarkdownText.Escape(string.IsNullOrWhiteSpace(page.Title) ? page.Url : page.Title);
            if (SafeMarkdown.IsAllowed(page.Url)) md.Append('[').Append(title).Append("](<").Append(page.Url.Replace(">", "%3E").Replace("<", "%3C").Replace(" ", "%20")).AppendLine(">)");
            else md.AppendLine(title);
        }
        if (context.RecentCases.Count > 0)
        {
            md.Append("- **Recent cases:** ").AppendLine(string.Join(", ", context.RecentCases.Select(c =>
                $"#{c.Id} {c.Category} ({(c.ResolvedAt is { } resolved ? "resolved " + Ago(resolved, context.At) : c.Status.ToString().ToLowerInvariant())})")));
        }

        md.AppendLine().Append("**Suggested first message:** ").AppendLine(MarkdownText.Quote(SuggestedFirstMessage(context, firstMessage), 600));
        return md.ToString();
    }

    /// <summary>
    /// A greeting that shows the customer they will not have to repeat themselves: it names the
    /// issue in their terms and what they already tried.
    /// </summary>
    public static string SuggestedFirstMessage(ContextPackage context, TranscriptLine? firstMessage = null)
    {
        firstMessage ??= FirstSubstantiveCustomerMessage(context);
        var name = context.Customer?.Name is { Length: > 0 } full && full != context.Customer.ExternalId ? full.Split(' ', 2)[0] : null;
        var text = new StringBuilder(name is null ? "Hi, " : $"Hi {name}, ");
        // A case opened directly (email, phone) never passed through the assistant.
        text.Append(context.Transcript.Any(m => m.Author == MessageAuthor.Bot)
            ? "I'm taking over from our assistant and I've read the whole conversation, so there's no need to repeat anything. "
            : "I've read everything you sent us, so there's no need to repeat anything. ");

        var decision = context.Decision;
        text.Append(decision.Category switch
        {
            IssueCategory.Billing => "I'm sorry about the trouble with your billing",
            IssueCategory.Technical => "I'm sorry this isn't working for you",
            IssueCategory.AccountAccess => "I'm sorry you're having trouble with your account",
            IssueCategory.Security => "Thank you for flagging this; keeping your account safe is our priority",
            IssueCategory.Integration => "I'm sorry the integration is giving you trouble",
            IssueCategory.Cancellation => "I understand you're thinking about cancelling, and I'd like to help",
            _ => "Thanks for your patience",
        });
        if (firstMessage is not null) text.Append(": you mentioned \"").Append(Fragment(firstMessage.Text)).Append('"');
        text.Append(". ");

        var tried = context.CustomerTries.Select(t => t.Description).FirstOrDefault();
        var botTried = context.BotAttempts.Where(a => a.Outcome != AttemptOutcome.Succeeded).Select(a => a.Description).FirstOrDefault();
        if (tried is not null) text.Append("I can see you've already tried ").Append(LowerFirst(Fragment(tried))).Append(", so I won't ask you to do that again. ");
        else if (botTried is not null) text.Append("I can see the assistant already tried ").Append(LowerFirst(Fragment(botTried))).Append(". ");

        text.Append(decision.Category switch
        {
            IssueCategory.Billing => "I'm looking into the charges on your account now.",
            IssueCategory.Security => "I'm securing your account and checking the recent activity now.",
            IssueCategory.Cancellation => "Can I ask what's not working for you, so I can see whether we can put it right?",
            IssueCategory.Technical or IssueCategory.Integration => "I'm checking what's happening on our side now.",
            IssueCategory.AccountAccess => "Let's get you back into your account.",
            _ => "I'm on it now.",
        });
        return text.ToString();
    }

    /// <summary>Whether a customer's message says something of substance (four words or more), rather than "hi" or "help".</summary>
    public static bool IsSubstantive(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4;

    private static TranscriptLine? FirstSubstantiveCustomerMessage(ContextPackage context) =>
        context.Transcript.FirstOrDefault(m => m.Author == MessageAuthor.Customer && IsSubstantive(m.Text))
        ?? context.Transcript.FirstOrDefault(m => m.Author == MessageAuthor.Customer);

    private static string Profile(Customer customer, DateTime now)
    {
        var parts = new List<string> { $"{customer.Tier} account" };
        if (customer.TenureYears(now) is > 0 and var years) parts.Add($"{years}-year customer");
        if (customer.AnnualContractValue > 0) parts.Add($"{Money(customer.AnnualContractValue)} annual contract");
        if (!string.IsNullOrWhiteSpace(customer.Company)) parts.Add(customer.Company!);
        return string.Join(", ", parts);
    }

    private static string Topic(IssueCategory category) => category switch
    {
        IssueCategory.Billing => "reports a billing issue",
        IssueCategory.Technical => "reports a technical problem",
        IssueCategory.AccountAccess => "has an account access problem",
        IssueCategory.Security => "raises a security concern",
        IssueCategory.ProductQuestion => "has a product question",
        IssueCategory.Integration => "reports an integration problem",
        IssueCategory.Cancellation => "wants to cancel",
        _ => "needs help",
    };

    /// <summary>The customer's mood in words, from the decision's sentiment and the reasons.</summary>
    public static string EmotionalState(EscalationDecision decision)
    {
        var sentiment = decision.Sentiment;
        var angry = decision.Reasons.Any(r => r.Trigger == "frustration") && sentiment <= -0.5;
        var frustrated = decision.Reasons.Any(r => r.Category == ReasonCategory.Sentiment) || sentiment <= -0.3;
        var state = angry ? "angry"
            : frustrated ? sentiment > -0.5 ? "frustrated but professional" : "frustrated"
            : sentiment < -0.1 ? "concerned"
            : sentiment > 0.3 ? "positive" : "calm";
        return decision.SentimentTrend switch
        {
            SentimentTrend.Worsening => state + ", and getting worse",
            SentimentTrend.Improving => state + ", and improving",
            _ => state,
        };
    }

    private static string AccountHealth(Customer customer)
    {
        var risks = new List<string>();
        if (customer.RecentDowngrade) risks.Add("recent downgrade");
        if (customer.UsageTrend == UsageTrend.Declining) risks.Add("usage declining");
        if (customer.LastFeedbackScore is <= 2 and var low) risks.Add($"last CSAT {low}/5");
        if (risks.Count > 0) return "at risk: " + string.Join(", ", risks);
        if (customer.UsageTrend == UsageTrend.Growing) return "healthy: usage growing" + (customer.LastFeedbackScore is { } score ? $", last CSAT {score}/5" : "");
        return customer.LastFeedbackScore is { } csat ? $"stable, last CSAT {csat}/5" : "stable";
    }

    private static string Money(decimal amount) => amount >= 1000 && amount % 1000 == 0
        ? "$" + (amount / 1000).ToString("#,0", CultureInfo.InvariantCulture) + "K"
        : amount.ToString("$#,0", CultureInfo.InvariantCulture);

    private static string Ago(DateTime then, DateTime now)
    {
        var days = (int)(now - then).TotalDays;
        return days switch { <= 0 => "today", 1 => "yesterday", _ => $"{days} days ago" };
    }

    private static string Fragment(string text)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" ").TrimEnd('.', '!', '?');
        return trimmed.Length <= 90 ? trimmed : trimmed[..90].TrimEnd() + "…";
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
