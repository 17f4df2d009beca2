using AgentConsole.Core.Delivery;
using AgentConsole.Core.Routing.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Integration.Delivery;

/// <summary>An agent's typing reaches an external bot as agent.typing, at most once per interval.</summary>
public sealed class AgentTypingTests : DeliveryTestBase
{
    private AgentTypingRelay Typing => Factory.Services.GetRequiredService<AgentTypingRelay>();

    [Fact]
    public async Task TypingIsWrittenOncePerIntervalWithTheAgentsName()
    {
        // Arrange
        using var bot = await CreateBotAsync(null, "Pulling bot");
        var caseId = await EscalateAsync(bot, "typing-1");
        var priya = await AssignAsync(caseId);

        // Act
        var first = await Typing.AgentTypingAsync(caseId, priya.AgentId!.Value);
        var again = await Typing.AgentTypingAsync(caseId, priya.AgentId.Value);
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var later = await Typing.AgentTypingAsync(caseId, priya.AgentId.Value);

        // Assert
        Assert.Equal((true, false, true), (first, again, later));
        var typing = (await RowsAsync("typing-1")).Where(r => r.Type == OutboundEventTypes.AgentTyping).ToList();
        Assert.Equal(2, typing.Count);
        Assert.All(typing, r => Assert.Equal(("Priya Raman", caseId), (Data(r).GetProperty("agentName").GetString(), Data(r).GetProperty("caseId").GetInt64())));
    }

    [Fact]
    public async Task OnlyTheAssignedAgentTypesOnACase()
    {
        using var bot = await CreateBotAsync(null, "Pulling bot");
        var caseId = await EscalateAsync(bot, "typing-2");
        await AssignAsync(caseId);
        var sam = (await Engine.SnapshotAsync()).Agents.Single(a => a.Name == "Sam Patel");

        await Assert.ThrowsAsync<RoutingForbiddenException>(() => Typing.AgentTypingAsync(caseId, sam.Id));
        await Assert.ThrowsAsync<RoutingNotFoundException>(() => Typing.AgentTypingAsync(999_999, sam.Id));
        Assert.DoesNotContain(await RowsAsync("typing-2"), r => r.Type == OutboundEventTypes.AgentTyping);
    }
}
