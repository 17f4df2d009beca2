using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Triggers;
using MudBlazor;

namespace AgentConsole.Components.Shared;

/// <summary>The words and colours the console uses for the domain's enums, in one place.</summary>
public static class Labels
{
    public static string Of(CasePriority priority) => priority.ToString();

    public static Color ColorOf(CasePriority priority) => priority switch
    {
        CasePriority.Urgent => Color.Error,
        CasePriority.High => Color.Warning,
        CasePriority.Normal => Color.Info,
        _ => Color.Default,
    };

    public static string Of(IssueCategory category) => category switch
    {
        IssueCategory.AccountAccess => "Account access",
        IssueCategory.ProductQuestion => "Product question",
        _ => category.ToString(),
    };

    public static string Of(Skill skill) => skill switch
    {
        Skill.Billing => "Billing and payments",
        Skill.Technical => "Technical troubleshooting",
        Skill.AccountManagement => "Account management",
        Skill.ProductTraining => "Product training",
        Skill.Integration => "API and integrations",
        Skill.Security => "Security and compliance",
        _ => skill.ToString(),
    };

    public static string Of(Presence presence) => presence switch
    {
        Presence.InMeeting => "In a meeting",
        _ => presence.ToString(),
    };

    /// <summary>Each presence's own colour, wherever a presence shows (see <see cref="PresenceBadge"/>).</summary>
    public static Color ColorOf(Presence presence) => presence switch
    {
        Presence.Available => Color.Success,
        Presence.Busy => Color.Error,
        Presence.Away => Color.Warning,
        Presence.InMeeting => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Each presence's own icon, so it reads without its colour too.</summary>
    public static string IconOf(Presence presence) => presence switch
    {
        Presence.Available => Icons.Material.Filled.CheckCircle,
        Presence.Busy => Icons.Material.Filled.RemoveCircle,
        Presence.Away => Icons.Material.Filled.Schedule,
        Presence.InMeeting => Icons.Material.Filled.Event,
        _ => Icons.Material.Filled.HighlightOff,
    };

    public static string Of(ConsoleRole role) => role switch
    {
        ConsoleRole.TeamLead => "Team lead",
        _ => role.ToString(),
    };

    public static string Of(CaseStatus status) => status switch
    {
        CaseStatus.Escalated or CaseStatus.Queued => "Waiting",
        _ => status.ToString(),
    };

    public static string Of(ReasonCategory category) => ReasonCategoryNames.Of(category);

    public static string Of(MessageAuthor author) => author switch
    {
        MessageAuthor.Bot => "Bot",
        MessageAuthor.Agent => "Agent",
        MessageAuthor.System => "System",
        _ => "Customer",
    };

    public static string Of(AttemptOutcome outcome) => AttemptOutcomeNames.Of(outcome);

    public static string Of(CaseEventReason reason) => CaseEventReasonNames.Of(reason);

    public static string Of(CaseFlag flag) => flag switch
    {
        CaseFlag.Misrouted => "Misrouted",
        CaseFlag.UnnecessaryEscalation => "Escalation was unnecessary",
        CaseFlag.CustomerRepeated => "Had to ask the customer to repeat",
        _ => flag.ToString(),
    };

    public static string Of(RoutingStep step) => step switch
    {
        RoutingStep.Specialist => "Specialists",
        RoutingStep.FrontlineWithGuidance => "Frontline with guidance",
        RoutingStep.Frontline => "Frontline",
        RoutingStep.SeniorOrOnCall => "Senior or on-call",
        RoutingStep.Engineering => "Engineering",
        RoutingStep.AccountOwner => "Account owner",
        RoutingStep.OwnerTeam => "Owner's team",
        _ => "Queue",
    };

    public static string Of(CandidateFilter filter) => filter switch
    {
        CandidateFilter.FrontlineNotAllowed => "frontline not allowed",
        CandidateFilter.Team => "team",
        CandidateFilter.Skill => "skill",
        CandidateFilter.Excluded => "declined before",
        CandidateFilter.Presence => "presence",
        CandidateFilter.Capacity => "capacity",
        CandidateFilter.OutOfHours => "out of hours",
        _ => filter.ToString(),
    };

    /// <summary>
    /// The agents a routing step considered but does not list, such as "Not listed: 8 more eligible, 3,120
    /// dropped by capacity, 412 dropped by presence"; empty when every one is listed.
    /// </summary>
    public static string Omitted(StepTrace step) => step.Omitted.Count == 0 ? "" : "Not listed: " + string.Join(", ", step.Omitted.Select(o =>
        o.DroppedBy is { } filter
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{o.Count:N0} dropped by {Of(filter)}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{o.Count:N0} more eligible")));

    /// <summary>A share from 0 to 1 as a whole percentage, such as "82%".</summary>
    public static string Percent(double share) => $"{Math.Round(share * 100):0}%";

    public static string Money(decimal amount) => amount.ToString("$#,0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UTC instant as the console shows it: time of day, with the date when it is not today.</summary>
    public static string When(DateTime at, DateTime now) =>
        at.Date == now.Date ? at.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC"
            : at.ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
