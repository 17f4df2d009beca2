using System.Collections.Concurrent;
using System.Text.Json;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Data;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Hub;

/// <summary>
/// Escalations through the API while agents answer offers from two hub connections each (a
/// double click in two tabs), decline some, switch presence and resolve, all at once.
/// </summary>
public sealed class HubRaceTests : HubTestBase
{
    private static readonly string[] Openers =
    [
        "There is a wrong amount on my invoice. I want to talk to a human please.",
        "The export keeps failing with error 500. Let me speak to a person.",
        "How do I add a user to my workspace? I'd like a real person please.",
        "My payment was declined twice, can I talk to an agent?",
    ];

    [Fact]
    public async Task ConcurrentAcceptsDeclinesPresenceChangesAndEscalationsFromManyConnectionsKeepEveryInvariant()
    {
        // Arrange: four agents, each signed in from two connections.
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var emails = new[] { Marcus, Priya, Lena, Sam };
        var connections = new Dictionary<string, HubClient[]>();
        foreach (var email in emails) connections[email] = [await ConnectAsync(email), await ConnectAsync(email)];
        await connections[Sam][0].Connection.InvokeAsync("SetPresence", "Available");
        var ids = await AgentIdsAsync();
        var acceptsSucceeded = new ConcurrentBag<long>();
        var refusals = new ConcurrentBag<string>();
        var unexpected = new ConcurrentBag<Exception>();
        var work = new ConcurrentBag<Task>();
        var answered = new ConcurrentDictionary<long, int>();

        foreach (var (email, pair) in connections)
        {
            foreach (var client in pair)
            {
                client.Connection.On<JsonElement>("CaseOffered", offer =>
                {
                    var caseId = CaseIdOf(offer);
                    if (offer.GetProperty("agentId").GetGuid() != ids[email]) return;
                    // Both connections of the agent see the offer; both try to answer it.
                    var roll = (caseId * 7919 + seed) % 10;
                    work.Add(Task.Run(async () =>
                    {
                        try
                        {
                            if (roll < 7)
                            {
                                await client.Connection.InvokeAsync<JsonElement>("AcceptOffer", caseId);
                                acceptsSucceeded.Add(caseId);
                            }
                            else if (roll < 9) await client.Connection.InvokeAsync("DeclineOffer", caseId, "Busy with another customer");
                            answered.AddOrUpdate(caseId, 1, (_, n) => n + 1);
                        }
                        catch (HubException e) when (e.Message.Contains("no longer pending")) { refusals.Add(e.Message); }
                        catch (Exception e) { unexpected.Add(e); }
                    }));
                });
            }
        }

        // Act: 60 escalations from 6 bot threads, while two threads flip presence and resolve cases.
        var escalations = Enumerable.Range(0, 6).Select(thread => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await PostEventsAsync($"race-{thread}-{i}", Batch(CustomerMessage("e1", Openers[(thread + i) % Openers.Length], 1)));
                response.EnsureSuccessStatusCode();
            }
        })).ToList();
        var presence = Task.Run(async () =>
        {
            var values = new[] { "Available", "Busy", "InMeeting", "Available", "Available" };
            for (var i = 0; i < 40; i++)
            {
                var email = emails[random.Next(emails.Length)];
                try { await connections[email][random.Next(2)].Connection.InvokeAsync("SetPresence", values[random.Next(values.Length)]); }
                catch (Exception e) { unexpected.Add(e); }
                await Task.Delay(random.Next(5, 25));
            }
        });
        var resolver = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var snapshot = await Engine.SnapshotAsync();
                var assigned = snapshot.Cases.Where(c => c.Status == CaseStatus.Assigned).ToList();
                if (assigned.Count > 0)
                {
                    var pick = assigned[random.Next(assigned.Count)];
                    var holder = snapshot.Agents.Single(a => a.Id == pick.Holder);
                    try { await Engine.ResolveAsync(pick.Id, "Sorted", RoutingActor.ForAgent(holder.Id, holder.TeamId, holder.Name)); }
                    catch (Exception e) when (e is AgentConsole.Core.Common.DomainException) { refusals.Add(e.Message); }
                    catch (Exception e) { unexpected.Add(e); }
                }
                await Task.Delay(random.Next(5, 30));
            }
        });
        await Task.WhenAll([.. escalations, presence, resolver]);
        await WaitForQuietAsync(work, connections, ids);

        // Assert
        Assert.True(unexpected.IsEmpty, $"seed {seed}: " + string.Join("\n", unexpected.Select(e => e.ToString())));
        await RoutingInvariants.AssertAsync(Engine, Factory.Services.GetRequiredService<IDbContextFactory<AgentConsoleDbContext>>());
        await using var db = Factory.CreateDbContext();
        var raceCases = await db.Cases.Where(c => c.Conversation!.ExternalId.StartsWith("race-")).Select(c => c.Id).ToListAsync();
        Assert.Equal(60, raceCases.Count);
        var accepted = await db.CaseEvents.Where(e => e.Type == CaseEventType.Accepted && e.ActorKind == ActorKind.Agent && raceCases.Contains(e.CaseId))
            .GroupBy(e => e.CaseId).Select(g => new { CaseId = g.Key, Count = g.Count() }).ToListAsync();
        // Every successful accept call is one stored accept, and a case is accepted once per offer.
        Assert.Equal(acceptsSucceeded.Count, accepted.Sum(a => a.Count));
        var offersPerCase = await db.CaseEvents.Where(e => e.Type == CaseEventType.Offered && raceCases.Contains(e.CaseId)).GroupBy(e => e.CaseId)
            .Select(g => new { CaseId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.CaseId, g => g.Count);
        Assert.All(accepted, a => Assert.True(a.Count <= offersPerCase[a.CaseId], $"seed {seed}: case {a.CaseId} accepted {a.Count} times"));
        Assert.True(acceptsSucceeded.Count >= 10, $"seed {seed}: only {acceptsSucceeded.Count} accepts");
        Assert.NotEmpty(refusals);
    }

    private async Task WaitForQuietAsync(ConcurrentBag<Task> work, Dictionary<string, HubClient[]> connections, Dictionary<string, Guid> ids)
    {
        // Answers start more work (a decline makes another offer): until a round starts nothing new,
        // finish the work, then see every offer made so far reach its connections (a marker behind them).
        var seen = -1;
        while (seen != work.Count)
        {
            seen = work.Count;
            await Task.WhenAll(work.ToArray());
            foreach (var (email, pair) in connections) await ReceivedBeforeMarkerAsync(pair[0], ids[email], pair[1]);
        }
    }

    private async Task<Dictionary<string, Guid>> AgentIdsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Agents.ToDictionaryAsync(a => a.Email, a => a.Id);
    }
}
