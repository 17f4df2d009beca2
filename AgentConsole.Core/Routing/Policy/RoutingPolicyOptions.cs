using System.ComponentModel.DataAnnotations;
using AgentConsole.Core.Common;
using AgentConsole.Core.Triggers;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Routing.Policy;

/// <summary>
/// The <c>Routing</c> section: the offer timeout and the knobs of the routing policy.
/// <para>
/// The options hold what configuration says, and the root <c>appsettings.json</c> ships every
/// value. The lists start empty rather than with defaults of their own, since configuration
/// binding appends to a list the class starts with: their shipped values live in the file alone.
/// </para>
/// </summary>
public sealed class RoutingPolicyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Routing";

    /// <summary>How long an agent has to accept an offer before it is re-routed to someone else.</summary>
    [Range(5, 3600)] public int OfferTimeoutSeconds { get; set; } = 30;

    /// <summary><see cref="OfferTimeoutSeconds"/> as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan OfferTimeout => TimeSpan.FromSeconds(OfferTimeoutSeconds);

    /// <summary>How long an agent may be without a live connection before they become Away and their offers are re-routed.</summary>
    [Range(1, 3600)] public int PresenceGraceSeconds { get; set; } = 60;

    /// <summary>How long an Away or Offline agent's assigned cases are held for them before they go back to the queue.</summary>
    [Range(0, 1440)] public int HoldMinutes { get; set; } = 10;

    /// <summary>How long the assigned agent has to reply to the customer before the case is reclaimed; 0 = no deadline.</summary>
    [Range(0, 1440)] public int FirstReplyMinutes { get; set; } = 10;

    /// <summary>The first-reply deadline for Urgent cases; 0 = no deadline.</summary>
    [Range(0, 1440)] public int UrgentFirstReplyMinutes { get; set; } = 3;

    /// <summary>The first-reply deadline for a case of <paramref name="priority"/>, or null when there is none.</summary>
    public TimeSpan? FirstReplyWindow(CasePriority priority)
    {
        var minutes = priority == CasePriority.Urgent ? UrgentFirstReplyMinutes : FirstReplyMinutes;
        return minutes == 0 ? null : TimeSpan.FromMinutes(minutes);
    }

    /// <summary>
    /// Step 3 of the tree: the categories of specialist cases that the frontline may take with
    /// guidance when no specialist is free. Shipped: ProductQuestion, AccountAccess, Billing, Other.
    /// </summary>
    [DefinedEnumValues] public IssueCategory[] FrontlineGuidanceCategories { get; set; } = [];

    /// <summary>Whether the frontline may also take billing disputes (refunds, chargebacks) with guidance.</summary>
    public bool FrontlineGuidanceForDisputes { get; set; }

    /// <summary>
    /// Step 4 of the tree: the presences in which an on-call agent may still be offered an urgent
    /// case. Shipped: Available, Busy, InMeeting. On call means reachable, and an agent with a live
    /// console connection can see and accept an offer even when Busy or in a meeting. Away and
    /// Offline mean no live connection (the engine sets Away when the connection drops), so an offer
    /// could not reach them before it timed out; add Away if the rotation is paged out of band.
    /// </summary>
    [DefinedEnumValues] public Presence[] OnCallReachablePresences { get; set; } = [];

    /// <summary>
    /// Whether seniors and on-call agents need the case's skill at step 4. Off by default: an
    /// urgent case should reach a human now, and proficiency still ranks a skilled senior first.
    /// </summary>
    public bool UrgentFallbackRequiresSkill { get; set; }

    /// <summary>How waiting cases move up in the queue's order.</summary>
    [Required, ValidateObjectMembers] public AgingOptions Aging { get; set; } = new();

    /// <summary>
    /// How long a case from an owned account may wait for its owner while the owner is online but
    /// cannot take it (at capacity, busy, in a meeting), counted from when the case opened; then it
    /// falls through to the owner's team and the tree. 0 = never wait.
    /// </summary>
    [Range(0, 3600)] public int OwnerWaitSeconds { get; set; } = 120;

    /// <summary>Which owned accounts get owner routing, by tier and value.</summary>
    [Required, ValidateObjectMembers] public OwnerRoutingOptions OwnerRouting { get; set; } = new();

    /// <summary>How far back a resolved case makes its agent preferred for the same customer (<see cref="AffinityTerm"/>); 0 = off.</summary>
    [Range(0, 365)] public int AffinityDays { get; set; } = 14;

    /// <summary>
    /// How much the affinity term counts: <c>10 × AffinityWeight</c> points for the agent who last
    /// resolved a case of the customer. 0 = off. At most 8: 80 points plus a free agent's 10 stay
    /// below one level of proficiency (100), so affinity never outranks a more skilled agent; with the
    /// outcome term on, its spread counts too (<see cref="AffinityBelowProficiencyAttribute"/>).
    /// </summary>
    [Range(0d, 8d), AffinityBelowProficiency] public double AffinityWeight { get; set; } = 0.5;

    /// <summary>The score term learned from outcomes (<see cref="OutcomeTerm"/>).</summary>
    [Required, ValidateObjectMembers] public LearningOptions Learning { get; set; } = new();
}

/// <summary>Checks <see cref="RoutingPolicyOptions"/> and its aging section; generated from their attributes.</summary>
[OptionsValidator]
public sealed partial class RoutingPolicyOptionsValidator : IValidateOptions<RoutingPolicyOptions>;

/// <summary>
/// Queue aging, for ordering only: a case that has waited a level's threshold orders one level
/// higher, and keeps aging from there by the next level's threshold. With the defaults a Normal
/// case orders as High after 30 minutes and a Low case as Normal after an hour (and as High 30
/// minutes later). 0 switches a level's aging off, which also stops cases that aged into it.
/// Aging never makes a case "urgent" for the decision tree; only its base priority does.
/// </summary>
public sealed class AgingOptions
{
    /// <summary>Minutes a Low case waits before it orders as Normal; 0 = never.</summary>
    [Range(0, 10_080)] public int LowToNormalMinutes { get; set; } = 60;

    /// <summary>Minutes a Normal case waits (counted from when it became Normal) before it orders as High; 0 = never.</summary>
    [Range(0, 10_080)] public int NormalToHighMinutes { get; set; } = 30;

    /// <summary>Minutes a High case waits (counted from when it became High) before it orders as Urgent; 0 = never.</summary>
    [Range(0, 10_080)] public int HighToUrgentMinutes { get; set; }
}

/// <summary>
/// The <c>Routing:Learning</c> section: the <see cref="OutcomeTerm"/>, which scores agents by their
/// resolution time, first-contact resolution and CSAT in the case's category against their team.
/// </summary>
public sealed class LearningOptions
{
    /// <summary>
    /// How much the outcome term counts: it adds <c>10 × Weight × S</c> points, with <c>S</c> in
    /// [-1, 1]. 0 switches it off (the term is not in the score at all); 10 lets it outrank a level of proficiency.
    /// </summary>
    [Range(0d, 100d)] public double Weight { get; set; } = 0.2;

    /// <summary>
    /// How many cases the team's average counts for in each agent's estimate: with <c>n</c> cases
    /// an agent's figure is <c>(n·agent + k·team) / (n + k)</c>. 0 trusts every agent's own figures fully.
    /// </summary>
    [Range(0d, 10_000d)] public double PriorWeight { get; set; } = 10;

    /// <summary>Whether the term takes part in routing.</summary>
    public bool Enabled => Weight > 0;
}
