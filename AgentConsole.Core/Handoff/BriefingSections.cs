using System.Text;

namespace AgentConsole.Core.Handoff;

/// <summary>
/// One stretch of the briefing as the case page shows it: open text, or a detail section the agent
/// opens (<see cref="Element"/> names it, so its first opening counts in the context-use figures).
/// </summary>
/// <param name="Element">The section's element, or null for text that is always shown.</param>
/// <param name="Label">What the section's toggle says, with how many items it holds; null for open text.</param>
/// <param name="Html">The stretch rendered by <see cref="SafeMarkdown"/>, without the section's heading.</param>
public sealed record BriefingPart(ContextElement? Element, string? Label, string Html);

/// <summary>
/// The briefing's detail sections: what the bot already did, what the customer already tried, and why
/// it escalated. <see cref="BriefingWriter"/> writes each as a bold heading line followed by its
/// items; <see cref="Split"/> finds them again in a stored briefing, so the case page can show the
/// summary, the facts and the suggested first message at once and each section behind a toggle.
/// Customer text in a briefing is escaped onto one line, so only the writer can start a heading line.
/// </summary>
public static class BriefingSections
{
    /// <summary>The heading of the bot's attempts.</summary>
    public const string BotAttempts = "What the bot already did:";
    /// <summary>The heading of what the customer tried.</summary>
    public const string CustomerTries = "What the customer already tried:";
    /// <summary>The heading of the escalation's reasons.</summary>
    public const string Reasons = "Why it escalated:";

    private static readonly (string Heading, ContextElement Element, string Noun)[] Sections =
    [
        (BotAttempts, ContextElements.BriefingBotAttempts, "attempt"),
        (CustomerTries, ContextElements.BriefingCustomerTries, "attempt"),
        (Reasons, ContextElements.BriefingReasons, "reason"),
    ];

    /// <summary>The line that starts the section <paramref name="heading"/>.</summary>
    public static string HeadingLine(string heading) => $"**{heading}**";

    /// <summary>
    /// <paramref name="markdown"/> cut into open stretches and detail sections, in order. A section is
    /// its heading line and the lines after it up to the next blank line; everything else is open.
    /// </summary>
    public static IReadOnlyList<BriefingPart> Split(string? markdown)
    {
        var parts = new List<BriefingPart>();
        var open = new StringBuilder();
        var lines = (markdown ?? "").ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var section = Sections.FirstOrDefault(s => lines[i].Trim() == HeadingLine(s.Heading));
            if (section.Heading is null)
            {
                open.Append(lines[i]).Append('\n');
                continue;
            }
            var body = new StringBuilder();
            var items = 0;
            while (i + 1 < lines.Length && lines[i + 1].Trim().Length > 0)
            {
                i++;
                if (lines[i].StartsWith("- ", StringComparison.Ordinal)) items++;
                body.Append(lines[i]).Append('\n');
            }
            Flush(parts, open);
            var label = $"{section.Heading.TrimEnd(':')} ({items} {section.Noun}{(items == 1 ? "" : "s")})";
            parts.Add(new BriefingPart(section.Element, label, SafeMarkdown.ToHtml(body.ToString())));
        }
        Flush(parts, open);
        return parts;
    }

    private static void Flush(List<BriefingPart> parts, StringBuilder open)
    {
        if (open.ToString().Trim().Length > 0) parts.Add(new BriefingPart(null, null, SafeMarkdown.ToHtml(open.ToString())));
        open.Clear();
    }
}
