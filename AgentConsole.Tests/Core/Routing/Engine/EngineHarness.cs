using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using AgentConsole.Core.Schedules;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// A routing engine on a real SQLite file with a fake clock, for engine tests: builds teams,
/// agents and cases in the store, records every published event, advances time, restarts the
/// engine on the same file, and checks the engine's invariants against the store.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _database;
    private readonly Lock _eventsLock = new();
    private readonly List<RoutingEvent> _events = [];
    private IDisposable? _subscription;
    private int _conversations;

    private EngineHarness(TempDatabase database, Action<RoutingPolicyOptions>? configure, IInterceptor[] interceptors)
    {
        _database = database;
        Options = ShippedSettings.Routing();
        configure?.Invoke(Options);
        var builder = new DbContextOptionsBuilder<AgentConsoleDbContext>();
        StoreConfiguration.Configure(builder, _database.Provider, _database.ConnectionString, _database.Directory);
        builder.AddInterceptors(interceptors);
        DbFactory = new PooledDbContextFactory<AgentConsoleDbContext>(builder.Options);
        Engine = null!;
    }

    public FakeTimeProvider Clock { get; } = new(Start);
    public RoutingPolicyOptions Options { get; }
    public IDbContextFactory<AgentConsoleDbContext> DbFactory { get; }
    public RoutingNotifier Notifier { get; } = new();
    public RoutingEngine Engine { get; private set; }
    /// <summary>Set before <see cref="StartAsync"/>: the share of the time the drift check may take (1, every command, unless set).</summary>
    public double DriftShare { get; set; } = 1;
        /// <summary>Set before <see cref="StartAsync"/> for an engine that writes bots' outbox rows.</summary>
    public AgentConsole.Core.Delivery.OutboxProjector? Outbox { get; set; }
    /// <summary>Set before <see cref="StartAsync"/> for an engine whose writes check a desk's lease first.</summary>
    public IDeskFence? Fence { get; set; }
    public Guid Integration { get; private set; }
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A migrated store with one integration, read and written through <paramref name="interceptors"/>;
    /// call <see cref="StartAsync"/> after arranging agents.
    /// </summary>
    public static Task<EngineHarness> CreateAsync(Action<RoutingPolicyOptions>? configure = null, params IInterceptor[] interceptors) =>
        CreateAsync(new TempDatabase(), configure, interceptors);

    /// <summary>As <see cref="CreateAsync(Action{RoutingPolicyOptions}?, IInterceptor[])"/>, on SQLite whatever the run's store: for a test of SQLite's write gate.</summary>
    public static Task<EngineHarness> CreateOnSqliteAsync() => CreateAsync(TempDatabase.OnSqlite(), null, []);

    /// <summary>As <see cref="CreateAsync(Action{RoutingPolicyOptions}?, IInterceptor[])"/>, on PostgreSQL whatever the run's store; skips without a server.</summary>
    public static async Task<EngineHarness> CreateOnPostgresAsync() => await CreateAsync(await TempDatabase.CreateAsync(DatabaseOptions.PostgresProvider), null, []);

    private static async Task<EngineHarness> CreateAsync(TempDatabase database, Action<RoutingPolicyOptions>? configure, IInterceptor[] interceptors)
    {
        var harness = new EngineHarness(database, configure, interceptors);
        await DatabaseInitializer.MigrateAsync(harness.DbFactory);
        await using var db = await harness.DbFactory.CreateDbContextAsync();
        var integration = new AgentConsole.Core.Integrations.Integration("Test bot", "test-key-0123456789abcdef", harness.Now);
        db.Integrations.Add(integration);
        await db.SaveChangesAsync();
        harness.Integration = integration.Id;
        return harness;
    }

    /// <summary>
    /// Makes every <paramref name="operation"/> (<c>INSERT</c> or <c>UPDATE</c>) on <paramref name="table"/> whose new row
    /// meets <paramref name="condition"/> (over <c>NEW."Column"</c>) fail with <paramref name="message"/>, until
    /// <see cref="StopFailingAsync"/>: a trigger on either provider.
    /// </summary>
    public async Task FailWritesAsync(string name, string operation, string table, string condition, string message)
    {
        string[] statements = DatabaseOptions.IsPostgres(_database.Provider)
            ?
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF {condition} THEN RAISE EXCEPTION '{message}'; END IF; RETURN NEW; END $$;",
                $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION {name}();",
            ]
            : [$"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" WHEN {condition} BEGIN SELECT RAISE(ABORT, '{message}'); END;"];
        await using var db = await DbFactory.CreateDbContextAsync();
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Removes what <see cref="FailWritesAsync"/> added.</summary>
    public async Task StopFailingAsync(string name, string table)
    {
        var sql = DatabaseOptions.IsPostgres(_database.Provider) ? $"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();" : $"DROP TRIGGER {name};";
        await using var db = await DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Starts (or, after <see cref="StopAsync"/>, restarts) an engine on the store.</summary>
    public async Task StartAsync()
    {
        // The engine checks its memory against the store after every command: drift fails the test that caused it.
        Engine = new RoutingEngine(DbFactory, Clock, Notifier, Options, engineOptions: new RoutingEngineOptions { CheckStateDrift = true, StateDriftShare = DriftShare },
            outbox: Outbox, fence: Fence);
        _subscription ??= Notifier.Subscribe(e =>
        {
            lock (_eventsLock) _events.Add(e);
            return Task.CompletedTask;
        });
        await Engine.StartAsync();
    }

    public async Task StopAsync() => await Engine.StopAsync();

    /// <summary>Stops the engine and starts a new one on the same file and clock: a process restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task<Team> TeamAsync(string name, bool autoAssign = false)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var team = new Team(name);
        team.SetAutoAssign(autoAssign);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public async Task SetLeadAsync(Team team, Agent lead)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var stored = await db.Teams.SingleAsync(t => t.Id == team.Id);
        stored.SetLead(lead.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>A Billing team with Ana (Billing 5) and Ben (Billing 4), the engine started and both connected (connected agents do not go Away).</summary>
    public async Task<(Agent Ana, Agent Ben)> TwoBillingSpecialistsAsync()
    {
        var team = await TeamAsync("Billing");
        var ana = await AgentAsync("Ana", team, skills: (Skill.Billing, 5));
        var ben = await AgentAsync("Ben", team, skills: (Skill.Billing, 4));
        await StartAsync();
        await Engine.ConnectionOpenedAsync(ana.Id);
        await Engine.ConnectionOpenedAsync(ben.Id);
        return (ana, ben);
    }

    public async Task<Agent> AgentAsync(string name, Team team, AgentTier tier = AgentTier.Specialist, int capacity = 3,
        Presence presence = Presence.Available, bool onCall = false, params (Skill Skill, int Level)[] skills)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var agent = new Agent(name, $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@test.example", team.Id, tier, capacity,
            (skills.Length == 0 ? [(Skill.Billing, 3)] : skills).Select(s => new AgentSkill(s.Skill, s.Level)));
        agent.SetPresence(presence, Now);
        db.Agents.Add(agent);
        // On call means a rotation of one: the agent holds every shift since before the clock started.
        if (onCall) db.OnCallRotations.Add(new OnCallRotation(new RotationDefinition($"{name} on call", null, team.Id, "UTC", TimeOnly.MinValue, 1,
            DateOnly.FromDateTime(Now).AddDays(-1), [agent.Id], [])));
        await db.SaveChangesAsync();
        return agent;
    }

    /// <summary>
    /// Opens a queued case in the store as an escalation would, and (when the engine runs) tells
    /// the engine and waits for it to be routed.
    /// </summary>
    public async Task<long> OpenCaseAsync(IssueCategory category = IssueCategory.Billing, Skill skill = Skill.Billing,
        AgentTier tier = AgentTier.Specialist, CasePriority priority = CasePriority.Normal, string? pageUrl = null, bool route = true, Guid? integration = null,
        string? customerId = null)
    {
        long id;
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            var n = Interlocked.Increment(ref _conversations);
            var customer = customerId is null ? null : await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == customerId);
            if (customer is null)
            {
                customer = new Customer(customerId ?? $"customer-{n}", Now);
                customer.Apply(new CustomerProfile { Name = $"Customer {n}", Tier = CustomerTier.Business, AnnualContractValue = 12_000m, Products = ["Analytics"] }, Now);
            }
            var conversation = new Conversation(integration ?? Integration, $"conv-{n}", "web", Now);
            conversation.AttachCustomer(customer);
            db.Conversations.Add(conversation);
            var message = conversation.AddMessage(MessageAuthor.Customer, $"I need help with {category} (conversation {n})", Now, $"m-{n}");
            if (pageUrl is not null) conversation.RecordPageView(pageUrl, "Page title", Now, $"p-{n}");
            db.Messages.Add(message);
            var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "explicit-request", "asked for a human")],
                category, 0.9, priority, skill, tier, -0.2, SentimentTrend.Steady);
            var @case = new Case(conversation, decision, "briefing", Now);
            @case.Queue(Now);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            id = @case.Id;
        }
        if (route) await Engine.RouteNewCaseAsync(id);
        return id;
    }

    /// <summary>Stores the customer <paramref name="externalId"/> with <paramref name="profile"/>, for cases opened with its id.</summary>
    public async Task<Customer> CustomerAsync(string externalId, CustomerProfile profile)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == externalId) ?? db.Customers.Add(new Customer(externalId, Now)).Entity;
        customer.Apply(profile, Now);
        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>Moves the clock on and waits until the engine has handled whatever came due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.FlushAsync();
        // A deadline handled in that pass may arm the timer for an instant already past.
        await Engine.FlushAsync();
    }

    public async Task<Case> CaseAsync(long id)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Conversation).SingleAsync(c => c.Id == id);
    }

    /// <summary>The case's stored feedback flags, in the order they were raised.</summary>
    public async Task<IReadOnlyList<FeedbackFlag>> FlagsAsync(long caseId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.FeedbackFlags.AsNoTracking().Where(f => f.CaseId == caseId).OrderBy(f => f.Id).ToListAsync();
    }

    public async Task<Agent> StoredAgentAsync(Guid id)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Agents.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public IReadOnlyList<RoutingEvent> Events
    {
        get { lock (_eventsLock) return [.. _events]; }
    }

    public IReadOnlyList<T> EventsOf<T>() where T : RoutingEvent => Events.OfType<T>().ToList();

    public void ClearEvents()
    {
        lock (_eventsLock) _events.Clear();
    }

    public static RoutingActor As(Agent agent) => RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.DisplayName);

    public static RoutingActor AsLead(Agent lead) => RoutingActor.ForLead(lead.Id, lead.TeamId, lead.DisplayName);

    /// <summary>
    /// Checks the engine's invariants against the store and its own memory:
    /// every open case is exactly one of queued, offered or assigned, in memory as in the store;
    /// no case has two holders and no agent's load differs from the cases they hold;
    /// no agent is above capacity unless an override assignment explains it;
    /// every open case's latest decision is explained.
    /// </summary>
    public Task AssertInvariantsAsync() => RoutingInvariants.AssertAsync(Engine, DbFactory);

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (Engine is not null) await Engine.DisposeAsync();
        _database.Dispose();
    }
}
