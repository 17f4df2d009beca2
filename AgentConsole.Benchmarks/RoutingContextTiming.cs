using System.Diagnostics;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Times the routing-accuracy and context-use queries over a year of generated history in a fresh
/// SQLite file: <c>routing-context [--cases 100000]</c>. Each case is queued, accepted, answered and
/// (nine in ten) resolved; one in seven changes hands, one in twenty escalates again, and agents open
/// two or three parts of the context. Prints the median of five runs for the last 30 days and the whole year.
/// </summary>
public static class RoutingContextTiming
{
    private const int Agents = 50;
    private const int Batch = 2000;

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args is ["--cases", var n, ..] && int.TryParse(n, out var parsed) ? parsed : 100_000;
        var folder = Path.Combine(Path.GetTempPath(), "agentconsole-routing-context", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var options = new DbContextOptionsBuilder<AgentConsoleDbContext>();
            StoreConfiguration.Configure(options, DatabaseOptions.SqliteProvider, $"Data Source={Path.Combine(folder, "history.db")}", folder);
            var factory = new PooledDbContextFactory<AgentConsoleDbContext>(options.Options);
            await DatabaseInitializer.MigrateAsync(factory);
            var seeding = Stopwatch.StartNew();
            var end = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            await SeedAsync(factory, cases, end);
            Console.WriteLine($"Seeded {cases:N0} cases over a year in {seeding.Elapsed.TotalSeconds:0} s.");

            var metrics = Options.Create(new MetricsOptions());
            var routing = new RoutingAccuracyQuery(factory, metrics);
            var context = new ContextUseQuery(factory);
            var last = DateOnly.FromDateTime(end.AddDays(-1));
            foreach (var (name, days) in new[] { ("last 30 days", 30), ("whole year", 365) })
            {
                var filter = new MetricsFilter(last.AddDays(1 - days), last, TimeZoneInfo.Utc);
                var r = await TimeAsync(() => routing.ReportAsync(filter));
                var c = await TimeAsync(() => context.ReportAsync(filter));
                var h = await TimeAsync(() => routing.ReportAsync(filter with { HourOfDay = 10 }));
                Console.WriteLine($"{name}: routing accuracy {r:0} ms, context use {c:0} ms, routing accuracy for one hour of day {h:0} ms (median of 5)");
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> run)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(2);
    }

    private static async Task SeedAsync(IDbContextFactory<AgentConsoleDbContext> factory, int count, DateTime end)
    {
        var random = new Random(12);
        Guid integration;
        List<Agent> agents;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var bot = new Integration("timing bot", ApiKeys.Generate(), end.AddYears(-1));
            db.Integrations.Add(bot);
            var teams = Enumerable.Range(0, 5).Select(t => new Team($"Team {t}")).ToList();
            db.Teams.AddRange(teams);
            agents = [.. Enumerable.Range(0, Agents).Select(i => new Agent($"Agent {i}", $"agent{i}@timing.example", teams[i % teams.Count].Id,
                AgentTier.Specialist, 100, Enum.GetValues<Skill>().Select(s => new AgentSkill(s, 3))))];
            db.Agents.AddRange(agents);
            await db.SaveChangesAsync();
            integration = bot.Id;
        }
        var categories = Enum.GetValues<IssueCategory>();
        var step = TimeSpan.FromDays(365).Ticks / count;
        for (var done = 0; done < count; done += Batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var byId = await db.Agents.ToDictionaryAsync(a => a.Id);
            var openings = new List<(Case Case, Guid Agent, ContextElement Element, DateTime At)>();
            Conversation? previous = null;
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                var opened = end.AddYears(-1).AddTicks(step * i);
                // One case in twenty is its conversation escalating again.
                var conversation = previous is not null && random.Next(20) == 0 ? previous : new Conversation(integration, $"timing-{i}", "web", opened);
                if (conversation != previous) db.Conversations.Add(conversation);
                // The customer writes again, which takes the resolved conversation back to the bot before it escalates.
                else db.Messages.Add(conversation.AddMessage(MessageAuthor.Customer, "it is back", opened));
                var decision = EscalationDecision.Escalated([new EscalationReason(ReasonCategory.CustomerRequest, "human-request", "asked")],
                    categories[random.Next(categories.Length)], 0.9, CasePriority.Normal, Skill.Billing, AgentTier.Specialist, -0.2, SentimentTrend.Steady);
                var @case = new Case(conversation, decision, "briefing", opened);
                var first = byId[agents[random.Next(Agents)].Id];
                @case.Queue(opened);
                @case.Assign(first, opened.AddMinutes(1), reason: CaseEventReason.AutoAssigned);
                foreach (var element in ContextElements.All.Where(_ => random.Next(3) == 0))
                    openings.Add((@case, first.Id, element, opened.AddMinutes(random.Next(1, 6))));
                @case.RecordReply(first.Id, opened.AddMinutes(4));
                var holder = first;
                if (random.Next(7) == 0)
                {
                    @case.Transfer(Skill.Technical, null, "passing it on", opened.AddMinutes(8), ActorKind.Agent, first.Id.ToString());
                    holder = byId[agents[random.Next(Agents)].Id];
                    @case.Assign(holder, opened.AddMinutes(9), ActorKind.User, "lead", CaseEventReason.Reassigned);
                    @case.RecordReply(holder.Id, opened.AddMinutes(12));
                }
                if (random.Next(10) != 0) @case.Resolve("done", opened.AddMinutes(30), ActorKind.Agent, holder.Id.ToString());
                db.Cases.Add(@case);
                previous = @case.IsOpen ? null : conversation;
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ContextOpenings.AddRange(openings.Select(o => new ContextOpening(o.Case.Id, o.Agent, o.Element, o.At)));
            await db.SaveChangesAsync();
        }
    }
}
