using AgentConsole.Core.Cases;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Tests.Core.Metrics;
using AgentConsole.Tests.Core.Routing.Engine;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Tests.Core.Handoff;

public sealed class ContextUseRecorderTests
{
    private static async Task<(Agent Ana, long CaseId)> CaseOfAnaAsync(EngineHarness h, DateTime? repliedAt = null)
    {
        var team = await h.TeamAsync("Billing");
        var ana = await h.AgentAsync("Ana", team);
        var desk = new DeskHistory(h);
        var conversation = await desk.ConversationAsync(h.Now, messages: [(MessageAuthor.Customer, h.Now)]);
        var caseId = await desk.CaseAsync(conversation, h.Now, history: (c, a) =>
        {
            c.Queue(h.Now);
            c.Assign(a(ana), h.Now, reason: CaseEventReason.AutoAssigned);
            if (repliedAt is { } at) c.RecordReply(ana.Id, at);
        });
        return (ana, caseId);
    }

    [Fact]
    public async Task RecordsTheFirstOpeningOfAnElementOncePerCaseAndAgent()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, caseId) = await CaseOfAnaAsync(h);
        var recorder = new ContextUseRecorder(h.DbFactory, h.Clock);
        var first = h.Now;

        // Act
        var recorded = await recorder.RecordOpenedAsync(caseId, ana.Id, ContextElements.CustomerProfile.Key);
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        var again = await recorder.RecordOpenedAsync(caseId, ana.Id, ContextElements.CustomerProfile.Key);

        // Assert
        Assert.True(recorded);
        Assert.False(again);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var opening = Assert.Single(await db.ContextOpenings.ToListAsync());
        Assert.Equal((caseId, ana.Id.ToString(), ContextElements.CustomerProfile.Key, first), (opening.CaseId, opening.AgentId, opening.ElementKey, opening.OpenedAt));
    }

    [Fact]
    public async Task RefusesAnUnknownElementKeyAndStoresNothing()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, caseId) = await CaseOfAnaAsync(h);
        var recorder = new ContextUseRecorder(h.DbFactory, h.Clock);

        // Act
        var unknown = await Assert.ThrowsAsync<DomainException>(() => recorder.RecordOpenedAsync(caseId, ana.Id, "customer.shoe-size"));
        var noCase = await Assert.ThrowsAsync<DomainException>(() => recorder.RecordOpenedAsync(caseId + 100, ana.Id, ContextElements.CustomerProfile.Key));

        // Assert
        Assert.Contains("customer.shoe-size", unknown.Message);
        Assert.Contains("no case", noCase.Message);
        await using var db = await h.DbFactory.CreateDbContextAsync();
        Assert.Empty(await db.ContextOpenings.ToListAsync());
    }

    [Fact]
    public async Task TheStoreRefusesToRewriteAnOpening()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var (ana, caseId) = await CaseOfAnaAsync(h);
        await new ContextUseRecorder(h.DbFactory, h.Clock).RecordOpenedAsync(caseId, ana.Id, ContextElements.PageCurrent.Key);

        // Act
        await using var db = await h.DbFactory.CreateDbContextAsync();
        var deleting = () => db.Database.ExecuteSqlRawAsync("DELETE FROM \"ContextOpenings\"");

        // Assert
        var refused = await Assert.ThrowsAnyAsync<Exception>(deleting);
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task AnOpeningAfterTheFirstReplyDoesNotCountAsBeforeIt()
    {
        // Arrange: Ana replies five minutes in; she opens the profile one minute in and the page ten minutes in.
        await using var h = await EngineHarness.CreateAsync();
        var start = h.Now;
        var (ana, caseId) = await CaseOfAnaAsync(h, repliedAt: start.AddMinutes(5));
        var recorder = new ContextUseRecorder(h.DbFactory, h.Clock);

        // Act
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordOpenedAsync(caseId, ana.Id, ContextElements.CustomerProfile.Key);
        h.Clock.Advance(TimeSpan.FromMinutes(9));
        await recorder.RecordOpenedAsync(caseId, ana.Id, ContextElements.PageCurrent.Key);
        var day = DateOnly.FromDateTime(start);
        var figure = await new ContextUseQuery(h.DbFactory).ReportAsync(new MetricsFilter(day, day, TimeZoneInfo.Utc));

        // Assert
        var profile = Assert.Single(figure.Elements, e => e.Element == ContextElements.CustomerProfile);
        var page = Assert.Single(figure.Elements, e => e.Element == ContextElements.PageCurrent);
        Assert.Equal((new Rate(1, 1), new Rate(1, 1)), (profile.BeforeFirstReply, profile.AtAll));
        Assert.Equal((new Rate(0, 1), new Rate(1, 1)), (page.BeforeFirstReply, page.AtAll));
    }
}
