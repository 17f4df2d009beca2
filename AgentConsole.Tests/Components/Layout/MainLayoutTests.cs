using AgentConsole.Components.Layout;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Components.Cases;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AgentConsole.Tests.Components.Layout;

/// <summary>The layout keeps the console up when a page fails: the error shows in place and the page can be tried again.</summary>
public sealed class MainLayoutTests : LiveEngineTestBase
{
    [Fact]
    public async Task AFailingPageShowsTheErrorInPlaceAndTryAgainRendersItAfresh()
    {
        // Arrange: a page that fails on its first render only.
        await Harness.StartAsync();
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");
        FailingOnce.Failed = false;

        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => { b.OpenComponent<FailingOnce>(0); b.CloseComponent(); })));

        // Assert: the navigation and the sign-out stay; the page's error is shown, and trying again renders it.
        Assert.NotNull(cut.Find("[data-testid=page-error]"));
        Assert.NotNull(cut.Find("[data-testid=sign-out]"));
        await cut.Find("[data-testid=page-error-retry]").ClickAsync(new());
        Assert.Equal("Recovered", cut.Find("[data-testid=failing-page]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=page-error]"));
    }

    [Fact]
    public async Task SignOutPostsTheAntiforgeryTokenAndTheConsoleIsMarkedInteractive()
    {
        // Arrange
        await Harness.StartAsync();
        SignInAs(ConsoleRole.Supervisor, "Sofia Mendes");

        // Act
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(_ => { })));

        // Assert: the sign-out form carries the token the logout endpoint checks, and browser tests find the marker.
        Assert.Equal(AntiforgeryTokenValue, cut.Find($"form[action='/account/logout'] input[type=hidden][name={AntiforgeryField}]").GetAttribute("value"));
        Assert.NotNull(cut.Find("[data-interactive=true]"));
    }

    private sealed class FailingOnce : ComponentBase
    {
        public static bool Failed { get; set; }

        protected override void OnInitialized()
        {
            if (Failed) return;
            Failed = true;
            throw new InvalidOperationException("The page broke.");
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "failing-page");
            builder.AddContent(2, "Recovered");
            builder.CloseElement();
        }
    }
}
