using AgentConsole.Components.Shared;
using AgentConsole.Core.Routing;
using Bunit;

namespace AgentConsole.Tests.Components.Shared;

/// <summary>The one mapping of presences to how the console shows them.</summary>
public sealed class PresenceBadgeTests : BunitTestBase
{
    [Fact]
    public void EveryPresenceHasItsOwnColourAndIcon()
    {
        // Arrange
        var presences = Enum.GetValues<Presence>();

        // Act
        var looks = presences.Select(p => (Color: Labels.ColorOf(p), Icon: Labels.IconOf(p))).ToList();

        // Assert
        Assert.Equal(presences.Length, looks.Select(l => l.Color).Distinct().Count());
        Assert.Equal(presences.Length, looks.Select(l => l.Icon).Distinct().Count());
        Assert.Equal(MudBlazor.Color.Success, Labels.ColorOf(Presence.Available));
        Assert.NotEqual(MudBlazor.Color.Success, Labels.ColorOf(Presence.Offline));
    }

    [Theory]
    [InlineData(Presence.Available, "Available")]
    [InlineData(Presence.Busy, "Busy")]
    [InlineData(Presence.Away, "Away")]
    [InlineData(Presence.InMeeting, "In a meeting")]
    [InlineData(Presence.Offline, "Offline")]
    public void ShowsThePresencesNameBesideItsIconInItsColour(Presence presence, string name)
    {
        // Act
        var badge = Render<PresenceBadge>(p => p.Add(x => x.Presence, presence));

        // Assert
        Assert.Equal(name, badge.Find(".name").TextContent);
        Assert.Equal(presence.ToString(), badge.Find(".presence-badge").GetAttribute("data-presence"));
        var icon = badge.Find("svg");
        Assert.Equal(presence == Presence.Offline, !icon.ClassList.Any(c => c.StartsWith("mud-", StringComparison.Ordinal) && c.EndsWith("-text", StringComparison.Ordinal)));
        Assert.Equal("true", icon.GetAttribute("aria-hidden"));
    }
}
