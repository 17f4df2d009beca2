using AgentConsole.Core.Cases;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Routing.Policy;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Routing.Engine;

/// <summary>
/// The drift check the engine tests run with: after each stored command the engine's memory is
/// compared with a fresh rebuild from the store, and a difference fails the command loudly.
/// </summary>
public sealed class StateDriftTests
{
    [Fact]
    public async Task ACaseChangedInTheStoreBehindTheEnginesBackFailsTheNextCommandAndIsNamed()
    {
        // Arrange: the case is offered to Ana; then someone takes the offer back in the store alone.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await ExecuteAsync(h, $"""UPDATE "Cases" SET "Status" = 'Queued', "OfferedAgentId" = NULL, "OfferedAt" = NULL, "OfferExpiresAt" = NULL WHERE "Id" = {caseId}""");

        // Act
        var drift = await Assert.ThrowsAsync<RoutingStateDriftException>(() => h.Engine.AddNoteAsync(caseId, "Called the customer", EngineHarness.As(ana)));

        // Assert
        Assert.Contains("AddNoteAsync", drift.Message);
        Assert.Contains($"case {caseId} Status: memory Offered, store Queued", drift.Differences);
        Assert.Contains($"case {caseId} Holder: memory {ana.Id}, store (none)", drift.Differences);
        Assert.Contains(drift.Differences, d => d.StartsWith($"agent Ana ({ana.Id}) Load: memory 1, store 0", StringComparison.Ordinal));
        Assert.Contains(drift.Differences, d => d.StartsWith("queue order: memory [], store [", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterDriftTheEngineStartsAgainFromTheStore()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        await ExecuteAsync(h, $"""UPDATE "Agents" SET "Presence" = 'Busy' WHERE "Id" = {ana.Id}""");
        var drift = await Assert.ThrowsAsync<RoutingStateDriftException>(() => h.Engine.ConnectionOpenedAsync(ana.Id));
        Assert.Contains(drift.Differences, d => d.StartsWith($"agent Ana ({ana.Id}) Presence: memory Available, store Busy", StringComparison.Ordinal));

        // Act
        await h.Engine.SetPresenceAsync(ana.Id, Presence.Available, EngineHarness.As(ana));

        // Assert: memory was rebuilt (the connection kept), and the command after it passed the check.
        var snapshot = await h.Engine.SnapshotAsync();
        Assert.Equal((Presence.Available, 1), (snapshot.Agents.Single().Presence, snapshot.Agents.Single().Connections));
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ACaseStoredButNotYetRoutedIsNotDrift()
    {
        // Arrange: an escalation is stored, and its notice has not reached the engine yet.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var waiting = await h.OpenCaseAsync(route: false);

        // Act
        await h.Engine.ConnectionOpenedAsync(ana.Id);
        await h.Engine.RouteNewCaseAsync(waiting);

        // Assert
        Assert.Equal(ana.Id, (await h.CaseAsync(waiting)).OfferedAgentId);
        await h.AssertInvariantsAsync();
    }

    [Fact]
    public async Task ADeadlineMemoryDidNotArmIsDrift()
    {
        // Arrange: two states of the same store, one of which has lost its deadlines.
        await using var h = await EngineHarness.CreateAsync();
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        await h.StartAsync();
        var caseId = await h.OpenCaseAsync();
        await h.StopAsync();
        var loader = new RoutingStateLoader(new RoutingPolicy(h.Options));
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var memory = await loader.LoadAsync(db, null, h.Now, default);
        var store = await loader.LoadForComparisonAsync(db, ComparisonBasis.Of(memory), h.Now, default);
        Assert.Empty(StateDriftCheck.Differences(memory, store, h.Now));

        // Act
        memory.Due.Clear();
        var differences = StateDriftCheck.Differences(memory, store, h.Now);

        // Assert
        Assert.Contains($"case {caseId} OfferExpiryArmed: memory False, store True", differences);
        Assert.Contains(differences, d => d.StartsWith($"agent Ana ({ana.Id}) GraceArmed: memory False, store True", StringComparison.Ordinal));
    }

    private static async Task ExecuteAsync(EngineHarness h, FormattableString sql)
    {
        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.Database.ExecuteSqlAsync(sql));
    }
}
