using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Routing.Engine;

/// <summary>What the agent writes when escalating a product defect to engineering.</summary>
/// <param name="Title">One line: what is broken.</param>
/// <param name="StepsToReproduce">The steps, in order.</param>
/// <param name="Expected">What should happen.</param>
/// <param name="Actual">What happens instead.</param>
public sealed record BugReportInput(string Title, IReadOnlyList<string> StepsToReproduce, string? Expected, string? Actual)
{
    /// <summary>Checks the agent's part of the report.</summary>
    /// <exception cref="DomainException">The title or the steps are missing.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title)) throw new DomainException("A bug report needs a title.");
        if (StepsToReproduce is null || !StepsToReproduce.Any(s => !string.IsNullOrWhiteSpace(s)))
            throw new DomainException("A bug report needs at least one reproduction step.");
    }
}

/// <summary>Where the customer hit the defect: the page they were on, the channel and their products.</summary>
public sealed record BugEnvironment(string? PageUrl, string? PageTitle, string Channel, string? Plan, IReadOnlyList<string> Products);

/// <summary>How many customers the defect touches: this customer's standing and the similar open cases.</summary>
public sealed record BugImpact(int SimilarOpenCases, IReadOnlyList<long> SimilarCaseIds, string CustomerTier, decimal AnnualContractValue);

/// <summary>One line of the transcript excerpt.</summary>
public sealed record TranscriptLine(DateTime At, string Author, string Text);

/// <summary>
/// The structured bug report that goes with a product-defect escalation: the agent's reproduction
/// steps, and the environment, impact and transcript excerpt taken from the case.
/// </summary>
public sealed record BugReport(
    long CaseId,
    string Title,
    IReadOnlyList<string> StepsToReproduce,
    string? Expected,
    string? Actual,
    BugEnvironment Environment,
    BugImpact Impact,
    IReadOnlyList<TranscriptLine> TranscriptExcerpt,
    string ReportedBy,
    DateTime ReportedAt)
{
    /// <summary>How many of the latest messages the excerpt keeps.</summary>
    public const int ExcerptMessages = 12;

    /// <summary>How far back a similar case may have opened.</summary>
    public static readonly TimeSpan SimilarWindow = TimeSpan.FromDays(14);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BugReport? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<BugReport>(json, Json);

    /// <summary>
    /// Builds the report for <paramref name="case"/> (its conversation and customer loaded): the page
    /// context is the latest page the customer viewed, the impact counts other open cases of the
    /// same category opened in the last <see cref="SimilarWindow"/>, and the excerpt is the latest
    /// <see cref="ExcerptMessages"/> messages.
    /// </summary>
    public static async Task<BugReport> BuildAsync(AgentConsoleDbContext db, Case @case, BugReportInput input, string reportedBy, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        input.Validate();
        var conversation = @case.Conversation ?? throw new InvalidOperationException("Load the case's conversation first.");
        var page = await db.PageContexts.AsNoTracking().Where(p => p.ConversationId == conversation.Id)
            .OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        var since = now - SimilarWindow;
        var similar = await db.Cases.AsNoTracking()
            .Where(c => c.Id != @case.Id && c.Category == @case.Category && c.Status != CaseStatus.Resolved && c.OpenedAt >= since)
            .OrderByDescending(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(ExcerptMessages).ToListAsync(cancellationToken);
        var customer = conversation.Customer;
        return new BugReport(
            @case.Id,
            input.Title.Trim(),
            [.. input.StepsToReproduce.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())],
            input.Expected?.Trim(),
            input.Actual?.Trim(),
            new BugEnvironment(page?.Url, page?.Title, conversation.Channel, customer?.Plan, customer?.Products ?? []),
            new BugImpact(similar.Count, [.. similar.Take(20)], (customer?.Tier ?? CustomerTier.Free).ToString(), customer?.AnnualContractValue ?? 0),
            [.. messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Select(m => new TranscriptLine(m.SentAt, m.Author.ToString(), m.Text))],
            reportedBy,
            now);
    }
}
