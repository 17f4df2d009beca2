using AgentConsole.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AgentConsole.Tests.Components.Shared;

/// <summary>The page's title: through the head outlet in the first response, set on the document over the circuit.</summary>
public sealed class DocumentTitleTests : BunitTestBase
{
    [Fact]
    public void SetsTheTitleOverTheCircuitOnceAndAgainWhenItChanges()
    {
        // Arrange
        var cut = Render<DocumentTitle>(p => p.Add(x => x.Text, "Case #1 · AgentConsole"));

        // Act: a re-render with the same title, then another case in the same page.
        cut.Render(p => p.Add(x => x.Text, "Case #1 · AgentConsole"));
        cut.Render(p => p.Add(x => x.Text, "Case #2 · AgentConsole"));

        // Assert: one call per title, in order, and nothing left for the circuit to keep.
        var calls = JSInterop.Invocations["agentConsole.setTitle"];
        Assert.Equal(["Case #1 · AgentConsole", "Case #2 · AgentConsole"], calls.Select(c => (string?)c.Arguments[0]));
        Assert.Empty(cut.FindComponents<PageTitle>());
    }

    [Fact]
    public void GivesThePrerenderedPageItsTitleThroughPageTitle()
    {
        // Arrange
        RenderAsPrerendering();

        // Act
        var cut = Render<DocumentTitle>(p => p.Add(x => x.Text, "My queue · AgentConsole"));

        // Assert
        Assert.Single(cut.FindComponents<PageTitle>());
    }
}
