using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Routing.Engine;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Metrics;

/// <summary>
/// When an open case counts as at risk of breaching its service level, or as breached: how long a
/// waiting case may wait, and how close to its first-reply deadline an assigned case may get.
/// Bound from the <c>SlaRisk</c> section of the root configuration, which ships these defaults.
/// </summary>
public sealed class SlaRiskOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SlaRisk";

    /// <summary>A case waiting (queued or offered) this long is at risk.</summary>
    [Range(1, 1440), LessThan(nameof(QueueWaitBreachMinutes))] public int QueueWaitWarningMinutes { get; set; } = 5;

    /// <summary>A case waiting this long has breached the wait target.</summary>
    [Range(1, 1440)] public int QueueWaitBreachMinutes { get; set; } = 15;

    /// <summary>An assigned case whose first-reply deadline is this close is at risk.</summary>
    [Range(0, 1440)] public int ReplyDueWarningMinutes { get; set; } = 2;
}

/// <summary>Checks <see cref="SlaRiskOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class SlaRiskOptionsValidator : IValidateOptions<SlaRiskOptions>;

/// <summary>How an open case stands against its service level.</summary>
public enum SlaLevel { Ok, AtRisk, Breached }

/// <summary>An open case's service-level standing, with a short label such as "Reply due in 2 min".</summary>
public sealed record SlaAssessment(SlaLevel Level, string Label);

/// <summary>
/// Assesses open cases against <see cref="SlaRiskOptions"/>. A waiting case (queued, or offered
/// and not yet accepted) is judged by how long the customer has waited since it first queued; an
/// assigned case by its first-reply deadline, which the engine clears at the first reply.
/// </summary>
public static class SlaRisk
{
    /// <summary>
    /// The standing of <paramref name="state"/> at <paramref name="now"/>; with <paramref name="hours"/> (the team's business
    /// calendar) a non-urgent waiting case's wait counts business time only.
    /// </summary>
    public static SlaAssessment Assess(CaseState state, DateTime now, SlaRiskOptions options, Schedules.BusinessCalendar? hours = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (state.Status == CaseStatus.Assigned)
        {
            if (state.FirstReplyDueAt is not { } due) return new SlaAssessment(SlaLevel.Ok, "Replied");
            var left = due - now;
            if (left <= TimeSpan.Zero) return new SlaAssessment(SlaLevel.Breached, $"Reply overdue by {DurationText.Short(-left)}");
            var level = left <= TimeSpan.FromMinutes(options.ReplyDueWarningMinutes) ? SlaLevel.AtRisk : SlaLevel.Ok;
            return new SlaAssessment(level, $"Reply due in {DurationText.Short(left)}");
        }
        var waited = WaitOf(state.Card, now, hours);
        var waitLevel = waited >= TimeSpan.FromMinutes(options.QueueWaitBreachMinutes) ? SlaLevel.Breached
            : waited >= TimeSpan.FromMinutes(options.QueueWaitWarningMinutes) ? SlaLevel.AtRisk
            : SlaLevel.Ok;
        return new SlaAssessment(waitLevel, $"Waiting {DurationText.Short(waited)}");
    }

    /// <summary>
    /// How long the customer has waited since the case first queued; never negative. With <paramref name="hours"/>, the
    /// business time of the team (the clock stops while it is closed), except for urgent and security cases, which are
    /// answered at any hour.
    /// </summary>
    public static TimeSpan WaitOf(CaseCard card, DateTime now, Schedules.BusinessCalendar? hours = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var waited = hours is not null && !Routing.Policy.CaseToRoute.RoutesAnyHour(card.RequiredSkill, card.Priority)
            ? hours.Elapsed(card.QueuedAt, now)
            : now - card.QueuedAt;
        return waited < TimeSpan.Zero ? TimeSpan.Zero : waited;
    }
}

/// <summary>Durations as the console shows them: "45 s", "12 min", "1 h 05 min", "2 d 3 h".</summary>
public static class DurationText
{
    /// <summary>A short, rounded-down rendering of <paramref name="duration"/> (negative counts as zero).</summary>
    public static string Short(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        if (duration < TimeSpan.FromMinutes(1)) return $"{(int)duration.TotalSeconds} s";
        if (duration < TimeSpan.FromHours(1)) return $"{(int)duration.TotalMinutes} min";
        if (duration < TimeSpan.FromDays(1)) return $"{(int)duration.TotalHours} h {duration.Minutes:00} min";
        return $"{(int)duration.TotalDays} d {duration.Hours} h";
    }
}
