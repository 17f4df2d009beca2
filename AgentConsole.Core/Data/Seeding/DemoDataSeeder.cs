using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Core.Data.Seeding;

/// <summary>
/// Keeps the demo integration in step with demo mode, and seeds a small, believable desk the first
/// time demo mode starts: customers, teams, agents, and conversations at every stage.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<AgentConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The demo integration's name.</summary>
    public const string DemoIntegrationName = "Demo bot";

    /// <summary>The external id of the seeded Enterprise customer, which marks the demo data as present.</summary>
    public const string EnterpriseCustomerId = "demo-sarah-chen";

    /// <summary>
    /// With demo mode on, makes sure the demo integration exists with <paramref name="apiKey"/> and
    /// seeds the demo data once. With demo mode off, revokes the demo integration's key.
    /// </summary>
    public async Task ApplyAsync(bool enabled, string? apiKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var now = time.UtcNowDateTime();
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.IsDemo, cancellationToken);

        if (!enabled)
        {
            integration?.Revoke(now);
        }
        else
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
            if (integration is null)
            {
                integration = new Integration(DemoIntegrationName, apiKey, now, isDemo: true);
                db.Integrations.Add(integration);
            }
            else
            {
                integration.SetKey(apiKey);
                integration.Restore();
            }
            if (!await db.Customers.AnyAsync(c => c.ExternalId == EnterpriseCustomerId, cancellationToken))
            {
                var messages = Seed(db, integration.Id, now);
                // The messages refer to their conversations, so those are stored first.
                await db.SaveChangesAsync(cancellationToken);
                MessageWriter.Append(db, messages);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The demo integration's id while its key is active (demo mode on), else null.</summary>
    public async Task<Guid?> ActiveDemoIntegrationAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Integrations.Where(i => i.IsDemo && i.RevokedAt == null).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Adds the demo desk to <paramref name="db"/>; returns the conversations' messages, for the message writer to store.</summary>
    private static IReadOnlyList<Message> Seed(AgentConsoleDbContext db, Guid integrationId, DateTime now)
    {
        var billingTeam = new Team("Billing & Accounts");
        var techTeam = new Team("Technical Support");
        db.Teams.AddRange(billingTeam, techTeam);

        var priya = Agent("Priya Raman", "priya.raman@agentconsole.demo", billingTeam, AgentTier.Frontline, 4, Presence.Available,
            (Skill.Billing, 3), (Skill.AccountManagement, 3), (Skill.ProductTraining, 4));
        var marcus = Agent("Marcus Okafor", "marcus.okafor@agentconsole.demo", billingTeam, AgentTier.Specialist, 3, Presence.Available,
            (Skill.Billing, 5), (Skill.Retention, 4), (Skill.AccountManagement, 4));
        var lena = Agent("Lena Fischer", "lena.fischer@agentconsole.demo", techTeam, AgentTier.Specialist, 3, Presence.Available,
            (Skill.Technical, 5), (Skill.Integration, 4));
        var sam = Agent("Sam Patel", "sam.patel@agentconsole.demo", techTeam, AgentTier.Frontline, 5, Presence.Busy,
            (Skill.Technical, 2), (Skill.ProductTraining, 3), (Skill.AccountManagement, 2));
        var tom = Agent("Tom Alvarez", "tom.alvarez@agentconsole.demo", techTeam, AgentTier.Senior, 2, Presence.Away,
            (Skill.Security, 5), (Skill.Technical, 4), (Skill.AccountManagement, 4));
        var aiko = Agent("Aiko Tanaka", "aiko.tanaka@agentconsole.demo", techTeam, AgentTier.Engineering, 2, Presence.Offline,
            (Skill.Technical, 5), (Skill.Integration, 5));
        db.Agents.AddRange(priya, marcus, lena, sam, tom, aiko);
        billingTeam.SetLead(marcus.Id);
        techTeam.SetLead(lena.Id);
        // Technical Support's on-call rotation: Tom and Aiko hand over daily at 09:00 Berlin time. Both are unreachable
        // (Away, Offline) at start-up, so the rotation shows on the board without changing how the demo's cases route.
        var berlin = Schedules.ZonedTime.Zone("Europe/Berlin");
        db.OnCallRotations.Add(new Schedules.OnCallRotation(new Schedules.RotationDefinition("Technical Support on call", null, techTeam.Id, berlin.Id,
            new TimeOnly(9, 0), 1, DateOnly.FromDateTime(Schedules.ZonedTime.ToLocal(now, berlin)).AddDays(-7), [tom.Id, aiko.Id], [])));
        // No team keeps business hours: the demo (and its live traffic) routes at any hour, whenever it is run. An admin sets
        // hours under Admin → On-call and hours.
        foreach (var agent in new[] { priya, marcus, lena, sam, tom, aiko }) agent.SetPresence(agent.Presence, now);

        var sarah = Customer(EnterpriseCustomerId, now, new CustomerProfile
        {
            Name = "Sarah Chen", Email = "sarah.chen@northwind-analytics.example", Company = "Northwind Analytics",
            Plan = "Enterprise Annual", Tier = CustomerTier.Enterprise, AnnualContractValue = 50_000m, CustomerSince = now.AddYears(-2).AddDays(-20),
            LifetimeValue = 96_000m, UsageTrend = UsageTrend.Declining, LastFeedbackScore = 3, Products = ["Analytics Suite", "SSO", "REST API"],
        });
        var diego = Customer("demo-diego-martinez", now, new CustomerProfile
        {
            Name = "Diego Martínez", Email = "diego@martinez-design.example", Company = "Martínez Design", Plan = "Pro Monthly",
            Tier = CustomerTier.Pro, AnnualContractValue = 1_188m, CustomerSince = now.AddMonths(-8), LifetimeValue = 792m,
            UsageTrend = UsageTrend.Stable, LastFeedbackScore = 4, Products = ["Analytics Suite"],
        });
        var aisha = Customer("demo-aisha-khan", now, new CustomerProfile
        {
            Name = "Aisha Khan", Email = "aisha.khan@brightlane.example", Company = "Brightlane Logistics", Plan = "Business Annual",
            Tier = CustomerTier.Business, AnnualContractValue = 12_000m, CustomerSince = now.AddYears(-4), LifetimeValue = 41_000m,
            UsageTrend = UsageTrend.Growing, LastFeedbackScore = 5, Products = ["Analytics Suite", "Webhooks", "REST API"],
        });
        var olivia = Customer("demo-olivia-brooks", now, new CustomerProfile
        {
            Name = "Olivia Brooks", Email = "olivia@fernhill.example", Company = "Fernhill Studio", Plan = "Business Monthly",
            Tier = CustomerTier.Business, AnnualContractValue = 18_000m, CustomerSince = now.AddYears(-1).AddMonths(-2), LifetimeValue = 20_500m,
            UsageTrend = UsageTrend.Declining, RecentDowngrade = true, LastFeedbackScore = 2, Products = ["Analytics Suite", "Dashboards"],
        });
        var ben = Customer("demo-ben-carter", now, new CustomerProfile
        {
            Name = "Ben Carter", Email = "ben.carter@example.com", Plan = "Free", Tier = CustomerTier.Free, CustomerSince = now.AddDays(-12),
            UsageTrend = UsageTrend.Growing, Products = ["Analytics Suite"],
        });
        db.Customers.AddRange(sarah, diego, aisha, olivia, ben);

        // Sarah Chen: a double charge, escalated and waiting in the queue.
        var t = now.AddMinutes(-14);
        var billing = Conversation(db, integrationId, "demo-conv-1001", "web", sarah, t);
        billing.RecordPageView("https://app.northwind.example/settings/billing/invoices", "Billing · Invoices", t, "demo-1001-p1");
        billing.AddMessage(MessageAuthor.Customer, "Hi, we were charged twice for March. Invoice INV-20931 and INV-20957 are both for the same amount.", t.AddSeconds(5), "demo-1001-1");
        billing.AddMessage(MessageAuthor.Bot, "Sorry about that! Let me look at your recent invoices.", t.AddSeconds(9), "demo-1001-2", 0.82);
        billing.RecordAttempt(AttemptSource.Bot, "Looked up March invoices: two charges of $4,166.67 on Mar 1 and Mar 3", AttemptOutcome.Succeeded, t.AddSeconds(15), "demo-1001-3");
        billing.AddMessage(MessageAuthor.Bot, "I can confirm two charges of $4,166.67 for March. I can't issue refunds on Enterprise contracts myself.", t.AddSeconds(18), "demo-1001-4", 0.41);
        billing.RecordAttempt(AttemptSource.Customer, "Checked with our finance team that only one payment was authorised", AttemptOutcome.Unknown, t.AddMinutes(1), "demo-1001-5");
        billing.AddMessage(MessageAuthor.Customer, "Our finance team only approved one payment. I need the duplicate refunded before our month-end close, please.", t.AddMinutes(1), "demo-1001-6");
        var billingCase = new Case(billing, EscalationDecision.Escalated(
            [
                new EscalationReason(ReasonCategory.Complexity, AgentConsole.Core.Routing.Policy.CaseToRoute.DisputeTrigger, "Billing dispute: \"we were charged twice for March\""),
                new EscalationReason(ReasonCategory.CustomerValue, "customer-value", "Enterprise account, $50,000 annual contract"),
                new EscalationReason(ReasonCategory.AutomationUncertainty, "bot-cannot-help", "\"I can't issue refunds on Enterprise contracts myself.\""),
            ],
            IssueCategory.Billing, 0.93, CasePriority.High, Skill.Billing, AgentTier.Specialist, -0.2, SentimentTrend.Worsening),
            """
            **Customer Sarah Chen** (Enterprise account, 2-year customer, $50K annual contract, Northwind Analytics) reports a billing discrepancy.
            Automation confirmed she was charged twice for March: two charges of $4,166.67 on Mar 1 and Mar 3 (INV-20931, INV-20957).
            Her finance team authorised only one payment. She needs the duplicate refunded before their month-end close.

            - **Current emotional state:** frustrated but professional.
            - **Account health:** at risk; usage declining, last CSAT 3/5.

            **Suggested first message:** "Hi Sarah, I'm sorry about the double charge for March. I can see both invoices, INV-20931 and INV-20957, and I'll get the duplicate refunded for you now."
            """, t.AddMinutes(1).AddSeconds(3));
        billingCase.Queue(t.AddMinutes(1).AddSeconds(4));
        db.Cases.Add(billingCase);

        // Aisha Khan: webhooks failing with 500s, escalated and waiting in the queue.
        t = now.AddMinutes(-6);
        var webhook = Conversation(db, integrationId, "demo-conv-1002", "web", aisha, t);
        webhook.RecordPageView("https://app.northwind.example/developers/webhooks", "Developers · Webhooks", t, "demo-1002-p1");
        webhook.AddMessage(MessageAuthor.Customer, "Since yesterday every webhook delivery to our endpoint fails with HTTP 500 on your side, it used to work fine", t.AddSeconds(4), "demo-1002-1");
        webhook.AddMessage(MessageAuthor.Bot, "Have you tried rotating the signing secret and sending a test event?", t.AddSeconds(8), "demo-1002-2", 0.55);
        webhook.RecordAttempt(AttemptSource.Customer, "Rotated the webhook signing secret and sent a test event", AttemptOutcome.Failed, t.AddMinutes(2), "demo-1002-3");
        webhook.AddMessage(MessageAuthor.Customer, "Yes, rotated the secret and sent a test event. Still 500. Our shipment updates are stuck.", t.AddMinutes(2), "demo-1002-4");
        var webhookCase = new Case(webhook, EscalationDecision.Escalated(
            [
                new EscalationReason(ReasonCategory.ProductDefect, "suspected-bug", "\"fails with HTTP 500 on your side, it used to work fine\""),
                new EscalationReason(ReasonCategory.AutomationUncertainty, "bot-low-confidence", "Bot confidence 0.55 after a failed fix"),
            ],
            IssueCategory.Integration, 0.88, CasePriority.Normal, Skill.Integration, AgentTier.Specialist, -0.35, SentimentTrend.Worsening),
            """
            **Customer Aisha Khan** (Business account, 4-year customer, $12K annual contract, Brightlane Logistics) reports that every webhook delivery has failed with HTTP 500 since yesterday; it used to work.
            She already rotated the signing secret and sent a test event: still 500. Their shipment updates are stuck.

            - **Current emotional state:** concerned, getting impatient.
            - **Account health:** healthy; usage growing, last CSAT 5/5.

            **Suggested first message:** "Hi Aisha, thanks for rotating the secret and testing already. I'm checking our webhook delivery logs for your endpoint now."
            """, t.AddMinutes(2).AddSeconds(2));
        webhookCase.Queue(t.AddMinutes(2).AddSeconds(3));
        db.Cases.Add(webhookCase);

        // Olivia Brooks: wants to cancel after a downgrade; assigned to the retention specialist.
        t = now.AddMinutes(-25);
        var cancel = Conversation(db, integrationId, "demo-conv-1003", "web", olivia, t);
        cancel.RecordPageView("https://app.northwind.example/settings/plan", "Settings · Plan", t, "demo-1003-p1");
        cancel.AddMessage(MessageAuthor.Customer, "How do I cancel? We downgraded last month and honestly the dashboards keep timing out.", t.AddSeconds(3), "demo-1003-1");
        cancel.AddMessage(MessageAuthor.Bot, "I'm sorry to hear that. You can cancel under Settings → Plan. Would you like me to connect you with someone first?", t.AddSeconds(7), "demo-1003-2", 0.7);
        cancel.AddMessage(MessageAuthor.Customer, "Fine, but I'm not repeating everything again.", t.AddSeconds(40), "demo-1003-3");
        var cancelCase = new Case(cancel, EscalationDecision.Escalated(
            [
                new EscalationReason(ReasonCategory.CustomerValue, "churn-risk", "Cancellation intent after a recent downgrade; last CSAT 2/5"),
                new EscalationReason(ReasonCategory.Sentiment, "sentiment", "\"Fine, but I'm not repeating everything again.\""),
            ],
            IssueCategory.Cancellation, 0.9, CasePriority.High, Skill.Retention, AgentTier.Specialist, -0.45, SentimentTrend.Worsening),
            """
            **Customer Olivia Brooks** (Business account, 1-year customer, $18K annual contract, Fernhill Studio) wants to cancel. They downgraded last month and say the dashboards keep timing out.

            - **Current emotional state:** frustrated; asked not to repeat herself.
            - **Account health:** churn risk; recent downgrade, usage declining, last CSAT 2/5.

            **Suggested first message:** "Hi Olivia, I've read your conversation, so no need to repeat anything. I'm sorry the dashboards keep timing out; can I look into that with you before we talk about your plan?"
            """, t.AddSeconds(42));
        cancelCase.Queue(t.AddSeconds(43));
        cancelCase.Log(CaseEventType.Offered, t.AddSeconds(44), ActorKind.System, null, marcus.Id.ToString());
        cancelCase.Assign(marcus, t.AddSeconds(58), ActorKind.Agent, marcus.Id.ToString());
        db.Cases.Add(cancelCase);

        // Diego Martínez and Ben Carter: the bot is handling them.
        t = now.AddMinutes(-3);
        var reset = Conversation(db, integrationId, "demo-conv-1004", "web", diego, t);
        reset.RecordPageView("https://app.northwind.example/login", "Sign in", t, "demo-1004-p1");
        reset.AddMessage(MessageAuthor.Customer, "how do i reset my password", t.AddSeconds(2), "demo-1004-1");
        reset.AddMessage(MessageAuthor.Bot, "Click \"Forgot password\" on the sign-in page and we'll email you a reset link.", t.AddSeconds(4), "demo-1004-2", 0.96);
        reset.RecordAttempt(AttemptSource.Bot, "Sent the password reset instructions", AttemptOutcome.Succeeded, t.AddSeconds(4), "demo-1004-3");

        t = now.AddMinutes(-1);
        var question = Conversation(db, integrationId, "demo-conv-1005", "mobile", ben, t);
        question.AddMessage(MessageAuthor.Customer, "Can I export a dashboard to PDF on the free plan?", t.AddSeconds(2), "demo-1005-1");
        question.AddMessage(MessageAuthor.Bot, "Yes: open the dashboard, choose Share → Export → PDF. The free plan includes 10 exports a month.", t.AddSeconds(5), "demo-1005-2", 0.91);

        return [.. new[] { billing, webhook, cancel, reset, question }.SelectMany(c => c.Messages)];
    }

    private static Agent Agent(string name, string email, Team team, AgentTier tier, int capacity, Presence presence, params (Skill Skill, int Level)[] skills)
    {
        var agent = new Agent(name, email, team.Id, tier, capacity, skills.Select(s => new AgentSkill(s.Skill, s.Level)));
        agent.SetPresence(presence);
        return agent;
    }

    private static Customer Customer(string externalId, DateTime now, CustomerProfile profile)
    {
        var customer = new Customer(externalId, now);
        customer.Apply(profile, now);
        return customer;
    }

    private static Conversation Conversation(AgentConsoleDbContext db, Guid integrationId, string externalId, string channel, Customer customer, DateTime at)
    {
        var conversation = new Conversation(integrationId, externalId, channel, at);
        conversation.AttachCustomer(customer);
        db.Conversations.Add(conversation);
        return conversation;
    }
}
