using System.Text;

namespace AgentConsole.Core.Handoff;

/// <summary>Puts untrusted text (a customer's words) into Markdown so it reads as plain text, whatever it contains.</summary>
public static class MarkdownText
{
    // Characters that open inline syntax anywhere: emphasis, code, links, HTML, entities.
    private const string Special = "\\`*_{}[]()!|<>~&";

    /// <summary>
    /// Escapes every Markdown-significant character and folds line breaks, so the text cannot open
    /// links, HTML or blocks. Block markers ("- ", "1. ", "# ") only count at the start of a line,
    /// and since the text becomes one line, only its start needs them escaped.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') { builder.Append(' '); continue; }
            if (char.IsControl(c)) continue;
            if (Special.Contains(c)) builder.Append('\\');
            builder.Append(c);
        }
        var start = 0;
        while (start < builder.Length && builder[start] == ' ') start++;
        if (start < builder.Length && builder[start] is '-' or '+' or '#' or '=' or '>') builder.Insert(start, '\\');
        else
        {
            var digits = start;
            while (digits < builder.Length && char.IsAsciiDigit(builder[digits])) digits++;
            if (digits > start && digits < builder.Length && builder[digits] is '.' or ')') builder.Insert(digits, '\\');
        }
        return builder.ToString();
    }

    /// <summary>The customer's words, escaped, shortened to <paramref name="max"/> characters and quoted.</summary>
    public static string Quote(string text, int max = 200)
    {
        var trimmed = text.Trim().ReplaceLineEndings(" ");
        if (trimmed.Length > max) trimmed = trimmed[..max].TrimEnd() + "…";
        return "“" + Escape(trimmed) + "”";
    }
}
