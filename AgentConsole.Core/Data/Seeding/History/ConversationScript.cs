using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

namespace AgentConsole.Core.Data.Seeding.History;

/// <summary>
/// Plays one conversation of a generated history through the domain's own methods, so every case
/// moves only as the engine moves cases: opened, queued, routed, offered to an agent with room for
/// it, declined or timed out and offered again, accepted, replied to, perhaps transferred to another
/// team or reassigned by a lead, flagged, resolved, and rated.
/// </summary>
internal sealed class ConversationScript(HistoryDesk desk, HistoryRandom random, AgentSlots slots)
{
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LongestWork = TimeSpan.FromHours(6);

    /// <summary>A conversation the bot kept to itself, started at <paramref name="start"/>.</summary>
    public GeneratedConversation BotOnly(long number, DateTime start)
    {
        var conversation = Open(number, start);
        var category = random.Category(escalated: false);
        conversation.AddMessage(MessageAuthor.Bot, "Here is how to do that: open Settings and follow the steps in the article I linked.", start + random.Seconds(2, 6), botConfidence: 0.9);
        var end = conversation.LastActivityAt;
        if (random.Chance(0.4))
        {
            conversation.AddMessage(MessageAuthor.Customer, "Thanks, that worked.", end + random.Seconds(20, 180));
            conversation.AddMessage(MessageAuthor.Bot, "Glad to help!", conversation.LastActivityAt + random.Seconds(1, 3), botConfidence: 0.97);
        }
        conversation.MoveTo(ConversationStage.Resolved);
        (int, DateTime)? rating = random.Chance(0.25) ? (random.Score(escalated: false), conversation.LastActivityAt + random.Seconds(5, 300)) : null;
        return new GeneratedConversation(conversation, category, null, rating);
    }

    /// <summary>A conversation that escalated, started at <paramref name="start"/>; its case is resolved within hours.</summary>
    public GeneratedConversation Escalated(long number, DateTime start)
    {
        var conversation = Open(number, start);
        var category = random.Category(escalated: true);
        var botFirst = random.Chance(0.9);
        var openedAt = start + random.Seconds(2, 5);
        if (botFirst)
        {
            conversation.AddMessage(MessageAuthor.Bot, "Let me look into that for you.", start + random.Seconds(2, 5), botConfidence: 0.45);
            var asked = conversation.LastActivityAt + random.LogNormal(TimeSpan.FromMinutes(4), 0.9, TimeSpan.FromMinutes(90));
            conversation.AddMessage(MessageAuthor.Customer, "That didn't help. I need a person, please.", asked);
            openedAt = asked + random.Seconds(1, 3);
        }
        var skill = HistoryDesk.SkillFor(category);
        var decision = EscalationDecision.Escalated(Reasons(category, botFirst), category, 0.85, CasePriority.Normal, skill, AgentTier.Specialist, -0.3, SentimentTrend.Steady);
        var @case = new Case(conversation, decision, $"Customer needs help with {category}.", openedAt);
        @case.Queue(openedAt + TimeSpan.FromSeconds(1));
        var resolvedAt = Work(@case, conversation, desk.TeamFor(skill), openedAt + TimeSpan.FromSeconds(1));
        if (random.Chance(0.95)) @case.ConfirmResolvedCategory(category);
        else @case.ConfirmResolvedCategory(random.Category(escalated: true));
        (int, DateTime)? rating = random.Chance(0.35) ? (random.Score(escalated: true), resolvedAt + random.Seconds(30, 600)) : null;
        return new GeneratedConversation(conversation, category, @case, rating);
    }

    private Conversation Open(long number, DateTime start)
    {
        var channel = random.Random.NextDouble() switch { < 0.7 => "web", < 0.9 => "mobile", _ => "widget" };
        var conversation = Conversation.Restore(random.Guid(start), desk.Integration.Id, $"history-{number}", channel, null, ConversationStage.WithBot, start, start, null);
        conversation.AttachCustomer(random.Pick(desk.Customers));
        conversation.AddMessage(MessageAuthor.Customer, "Hi, I have a question about my account.", start);
        return conversation;
    }

    /// <summary>Offers, works and resolves <paramref name="case"/> from <paramref name="at"/>; returns when it was resolved.</summary>
    private DateTime Work(Case @case, Conversation conversation, Team team, DateTime at)
    {
        var bounces = 0;
        while (true)
        {
            at += random.LogNormal(TimeSpan.FromSeconds(90), 1.0, TimeSpan.FromMinutes(45));
            var bounce = bounces < 3 ? random.Random.NextDouble() switch { < 0.08 => CaseEventReason.Declined, < 0.13 => CaseEventReason.TimedOut, _ => (CaseEventReason?)null } : null;
            if (bounce is { } why)
            {
                var until = at + (why == CaseEventReason.Declined ? random.Seconds(5, 40) : OfferTimeout);
                var declining = FreeAgent(team, ref at, ref until);
                @case.RecordRouting($"Offered to {declining.DisplayName}", "{\"terms\":[]}", at);
                @case.Offer(declining.Id, at, at + OfferTimeout);
                if (why == CaseEventReason.Declined) @case.Decline(declining.Id, "Busy with another customer", until);
                else @case.ReturnToQueue(CaseEventReason.TimedOut, until, ActorKind.System, null, null, exclude: true);
                slots.Hold(declining, at, until);
                at = until;
                bounces++;
                continue;
            }

            var acceptDelay = random.Seconds(5, 50);
            var transfer = random.Chance(0.07);
            var work = transfer ? random.LogNormal(TimeSpan.FromMinutes(6), 0.6, TimeSpan.FromHours(1)) : random.LogNormal(TimeSpan.FromMinutes(22), 0.8, LongestWork);
            var replyDelay = random.Seconds(20, 180);
            if (work < replyDelay + TimeSpan.FromMinutes(1)) work = replyDelay + TimeSpan.FromMinutes(1);
            var end = at + acceptDelay + work;
            var agent = FreeAgent(team, ref at, ref end);
            var accepted = at + acceptDelay;
            @case.RecordRouting($"Offered to {agent.DisplayName}", "{\"terms\":[]}", at);
            @case.Offer(agent.Id, at, at + OfferTimeout);
            @case.Accept(agent, accepted, null);
            var replied = accepted + replyDelay;
            conversation.AddAgentMessage(agent.Id, "Hi, I'm on it. I have read your conversation with the bot.", replied);
            @case.RecordReply(agent.Id, replied);
            slots.Hold(agent, at, end);

            if (transfer)
            {
                var other = desk.Teams.Where(t => t.Id != team.Id).ToList();
                team = random.Pick(other);
                var skill = desk.MainSkillOf(team);
                // The agent who finds it misrouted says so while they still have it.
                if (random.Chance(0.6)) FlagOnce(@case, CaseFlag.Misrouted, agent, end - TimeSpan.FromSeconds(1));
                @case.Transfer(skill, team.Id, "Needs another team", end, ActorKind.Agent, agent.Id.ToString());
                at = end;
                continue;
            }

            var holder = agent;
            if (random.Chance(0.03) && end - replied > TimeSpan.FromMinutes(4))
            {
                // The team's lead hands it to a colleague halfway through.
                var handover = replied + (end - replied) / 2;
                var (from, until) = (handover, end);
                var colleague = FreeAgent(team, ref from, ref until, except: agent);
                if (from == handover)
                {
                    @case.Assign(colleague, handover, ActorKind.User, team.LeadAgentId?.ToString() ?? "lead", CaseEventReason.Reassigned, "Rebalancing the team's load");
                    slots.Hold(colleague, handover, end);
                    holder = colleague;
                }
            }
            if (random.Chance(0.03)) FlagOnce(@case, CaseFlag.CustomerRepeated, holder, end - TimeSpan.FromSeconds(1));
            if (random.Chance(0.02)) FlagOnce(@case, CaseFlag.UnnecessaryEscalation, holder, end - TimeSpan.FromSeconds(1));
            @case.Resolve("Resolved with the customer.", end, ActorKind.Agent, holder.Id.ToString());
            return end;
        }
    }

    /// <summary>An agent raises a flag once on a case (the store keeps one of each kind per agent and case): a second is not raised.</summary>
    private static void FlagOnce(Case @case, CaseFlag flag, Agent agent, DateTime at)
    {
        var actor = agent.Id.ToString();
        if (!@case.Flags.Any(f => f.Flag == flag && f.ActorId == actor)) @case.Flag(flag, null, at, ActorKind.Agent, actor);
    }

    /// <summary>
    /// An agent of <paramref name="team"/> with room from <paramref name="from"/> to <paramref name="to"/>; while none has,
    /// the case waits in the queue: both move later together.
    /// </summary>
    private Agent FreeAgent(Team team, ref DateTime from, ref DateTime to, Agent? except = null)
    {
        var agents = desk.AgentsOf(team);
        var length = to - from;
        while (true)
        {
            var first = random.Random.Next(agents.Count);
            for (var i = 0; i < agents.Count; i++)
            {
                var agent = agents[(first + i) % agents.Count];
                if (agent != except && slots.IsFree(agent, from, from + length))
                {
                    to = from + length;
                    return agent;
                }
            }
            from += TimeSpan.FromMinutes(2);
        }
    }

    private IReadOnlyList<EscalationReason> Reasons(IssueCategory category, bool botFirst)
    {
        var reasons = new List<EscalationReason>();
        if (category == IssueCategory.Security) reasons.Add(new EscalationReason(ReasonCategory.SecurityCompliance, "security", "\"someone else signed in\""));
        else if (category is IssueCategory.Billing or IssueCategory.Cancellation) reasons.Add(new EscalationReason(ReasonCategory.Complexity, "dispute", "\"charged twice\""));
        else if (category == IssueCategory.Technical && random.Chance(0.3)) reasons.Add(new EscalationReason(ReasonCategory.ProductDefect, "suspected-bug", "\"it used to work\""));
        reasons.Add(random.Random.NextDouble() switch
        {
            < 0.4 => new EscalationReason(ReasonCategory.CustomerRequest, "human-request", "\"I need a person\""),
            < 0.6 => new EscalationReason(ReasonCategory.Sentiment, "sentiment", "\"this is ridiculous\""),
            < 0.8 when botFirst => new EscalationReason(ReasonCategory.AutomationUncertainty, "bot-low-confidence", "Bot confidence 0.45"),
            < 0.9 => new EscalationReason(ReasonCategory.CustomerValue, "customer-value", "Enterprise account"),
            _ => new EscalationReason(ReasonCategory.Timeout, "unresolved", "Unresolved after 10 minutes"),
        });
        return reasons;
    }
}
