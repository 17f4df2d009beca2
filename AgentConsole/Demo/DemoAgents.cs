using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.Extensions.Options;

namespace AgentConsole.Demo;

/// <summary>
/// In demo mode, and only while no human agent has the console open, the demo agents work their
/// cases as people would: they accept an offer after a few seconds, greet the customer without asking
/// them to repeat anything, follow up, and resolve. A human who signs in stops them, and gets the
/// real offers. Their pace is <see cref="DemoOptions.AgentPaceSeconds"/>.
/// </summary>
public sealed class DemoAgents(IOptions<DemoOptions> options, IRoutingDesk engine, TimeProvider time, ILogger<DemoAgents> logger) : BackgroundService
{
    private readonly Dictionary<long, Work> _work = [];

    private sealed class Work(DateTimeOffset seen)
    {
        public DateTimeOffset Seen { get; set; } = seen;
        public Guid? Holder { get; set; }
        public int Replies { get; set; }
        public DateTimeOffset? LastReply { get; set; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.Agents) return;
        var pace = TimeSpan.FromSeconds(settings.AgentPaceSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await StepAsync(pace); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogDebug(e, "A demo agent's step was refused; the next one looks again."); }
        }
    }

    private async Task StepAsync(TimeSpan pace)
    {
        var snapshot = await engine.SnapshotAsync();
        // A human at the console takes over: the demo agents stand back.
        if (snapshot.Agents.Any(a => a.Connections > 0)) return;
        var now = time.GetUtcNow();
        foreach (var gone in _work.Keys.Where(id => snapshot.Cases.All(c => c.Id != id)).ToList()) _work.Remove(gone);
        foreach (var open in snapshot.Cases)
        {
            if (open.Holder is not { } holder || snapshot.Agents.FirstOrDefault(a => a.Id == holder) is not { } agent) continue;
            var work = _work.TryGetValue(open.Id, out var known) && known.Holder == holder ? known : _work[open.Id] = new Work(now) { Holder = holder };
            var actor = RoutingActor.ForAgent(agent.Id, agent.TeamId, agent.Name);
            var since = now - work.Seen;
            // Each case gets its own pace, between one and two times the setting, so agents don't move in step.
            var own = pace * (1 + open.Id % 7 / 7.0);
            if (open.Status == CaseStatus.Offered && since >= own / 2)
            {
                await engine.AcceptOfferAsync(open.Id, actor);
                work.Seen = now;
            }
            else if (open.Status == CaseStatus.Assigned && work.Replies == 0 && since >= own)
            {
                await engine.ReplyAsync(open.Id, Greeting(agent.Name, open.Card), actor);
                (work.Replies, work.LastReply) = (1, now);
            }
            else if (open.Status == CaseStatus.Assigned && work.Replies == 1 && now - work.LastReply >= own * 2)
            {
                await engine.ReplyAsync(open.Id, "Thanks, that's everything I needed. It's sorted on our side now; you should see the change within a few minutes.", actor);
                (work.Replies, work.LastReply) = (2, now);
            }
            else if (open.Status == CaseStatus.Assigned && work.Replies == 2 && now - work.LastReply >= own * 2)
            {
                await engine.ResolveAsync(open.Id, $"Resolved by {agent.Name} (demo agent).", actor);
                _work.Remove(open.Id);
            }
        }
    }

    // The greeting references what the desk already knows, so the customer never repeats themselves.
    private static string Greeting(string agentName, CaseCard card)
    {
        var first = card.CustomerName.Split(' ')[0];
        var hello = card.CustomerName == "Unknown customer" ? "Hi" : $"Hi {first}";
        return $"{hello}, I'm {agentName.Split(' ')[0]}. I've read everything you told our assistant, so there's no need to repeat it. " +
               $"I'm looking into the {AgentConsole.Components.Shared.Labels.Of(card.Category).ToLowerInvariant()} issue now. Is there anything you've noticed since?";
    }
}
