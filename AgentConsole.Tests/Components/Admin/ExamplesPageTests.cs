using Microsoft.AspNetCore.Components;
using AgentConsole.Components.Pages.Admin.Examples;
using AgentConsole.Core.Triggers;
using AgentConsole.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentConsole.Tests.Components.Admin;

public sealed class ExamplesPageTests : AdminPageTestBase
{
    private const string NewExample = "my invoice shows a fee for a seat we removed last month";

    [Fact]
    public async Task AnAddedExampleIsStoredAndListed()
    {
        var page = Render<ExamplesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=example-row]")), Slow);
        await NarrowAsync(page, "a seat we removed", expected: 0);

        await page.Find("input[data-testid=example-text]").InputAsync(new ChangeEventArgs { Value = NewExample });
        page.Find("[data-testid=example-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Added a Billing example", page.Find("[data-testid=examples-message]").TextContent), Slow);
        Assert.Contains(page.FindAll("[data-testid=example-text-cell]"), c => c.TextContent == NewExample);
        await using var db = Factory.CreateDbContext();
        Assert.Equal(IssueCategory.Billing, (await db.CategoryExamples.SingleAsync(e => e.Text == NewExample)).Category);
    }

    [Fact]
    public async Task TheTextFilterTakesPercentAndUnderscoreLiterally()
    {
        string[] texts = ["they added a 50% surcharge to my bill", "they added a 500 surcharge to my bill", "ticket AB_7 is still open", "ticket ABC7 is still open"];
        await using (var db = Factory.CreateDbContext())
        {
            db.CategoryExamples.AddRange(texts.Select(t => new CategoryExampleRecord(IssueCategory.Billing, t, seeded: false, DateTime.UtcNow)));
            await db.SaveChangesAsync();
        }
        var query = Factory.Services.GetRequiredService<CategoryExampleQuery>();

        Assert.Equal([texts[0]], (await query.ListAsync(null, "A 50% SURCHARGE")).Select(e => e.Text));
        Assert.Equal([texts[2]], (await query.ListAsync(IssueCategory.Billing, "ab_7")).Select(e => e.Text));
        Assert.Equal(texts, (await query.ListAsync(IssueCategory.Billing, "surcharge to my bill")).Select(e => e.Text).Concat((await query.ListAsync(IssueCategory.Billing, "still open")).Select(e => e.Text)));
    }

    [Fact]
    public void TheDefinitionOfACategoryIsShownBesideItsExamples()
    {
        var all = Render<CategoryDefinitionPanel>();
        Assert.Equal(Enum.GetValues<IssueCategory>().Length, all.FindAll("[data-testid=category-definitions] tr").Count);

        var security = Render<CategoryDefinitionPanel>(p => p.Add(d => d.Category, IssueCategory.Security));

        var text = security.Find("[data-testid=category-definition]").TextContent;
        Assert.Contains(AgentConsole.Core.Triggers.Classification.CategoryDefinitions.Of(IssueCategory.Security).Summary, text, StringComparison.Ordinal);
        Assert.Contains("Belongs here", text, StringComparison.Ordinal);
        Assert.Contains("Borderline", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlankExampleIsRefusedBeforeAnythingIsStored()
    {
        var submitted = 0;
        var form = Render<ExampleForm>(p => p.Add(f => f.OnSubmit, _ => { submitted++; return Task.FromResult(true); }));

        await form.Find("input[data-testid=example-text]").InputAsync(new ChangeEventArgs { Value = "   " });
        await form.Find("[data-testid=example-submit]").ClickAsync(new());

        Assert.Equal("Write the example's text.", form.Find("[data-testid=example-error]").TextContent);
        Assert.Equal(0, submitted);
    }

    [Fact]
    public async Task AnExampleIsRemovedOnlyAfterConfirmation()
    {
        await using var db = Factory.CreateDbContext();
        var example = await db.CategoryExamples.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        var removed = new List<int>();
        var row = Render<ExampleRow>(p => p
            .Add(r => r.Example, example)
            .Add(r => r.OnEdit, _ => Task.FromResult(true))
            .Add(r => r.OnRemove, id => { removed.Add(id); return Task.FromResult(true); }));

        await row.Find("[data-testid=remove-example]").ClickAsync(new());
        Assert.Empty(removed);
        await row.Find("[data-testid=confirm-remove]").ClickAsync(new());

        Assert.Equal([example.Id], removed);
    }

    [Fact]
    public async Task EditingAnExampleChangesItsCategoryAndText()
    {
        var page = Render<ExamplesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=example-row]")), Slow);
        await using var db = Factory.CreateDbContext();
        var first = await db.CategoryExamples.AsNoTracking().OrderBy(e => e.Category).ThenBy(e => e.Id).FirstAsync();
        await NarrowAsync(page, first.Text, expected: await db.CategoryExamples.CountAsync(e => e.Text.ToLower().Contains(first.Text.ToLower())));
        var row = page.FindComponents<ExampleRow>().Single(r => r.Instance.Example.Id == first.Id);

        await row.Find("[data-testid=edit-example]").ClickAsync(new());
        var form = row.FindComponent<ExampleForm>();
        await form.Find("input[data-testid=example-text]").InputAsync(new ChangeEventArgs { Value = NewExample });
        await form.DispatchAsync(() => form.FindComponent<MudBlazor.MudSelect<IssueCategory>>().Instance.ValueChanged.InvokeAsync(IssueCategory.Technical));
        form.Find("[data-testid=example-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved the example", page.Find("[data-testid=examples-message]").TextContent), Slow);
        await using var check = Factory.CreateDbContext();
        var edited = await check.CategoryExamples.SingleAsync(e => e.Id == first.Id);
        Assert.Equal((IssueCategory.Technical, NewExample), (edited.Category, edited.Text));
    }

    /// <summary>
    /// Narrows the list with the page's own text filter, as an admin would before editing: the full list of some
    /// 1,200 examples makes each of bUnit's checks parse a page of megabytes.
    /// </summary>
    private static async Task NarrowAsync(IRenderedComponent<ExamplesPage> page, string text, int expected)
    {
        var filter = page.FindComponents<MudBlazor.MudTextField<string>>().Single(f => Equals(f.Instance.UserAttributes.GetValueOrDefault("data-testid"), "text-filter"));
        await page.DispatchAsync(() => filter.Instance.ValueChanged.InvokeAsync(text));
        page.WaitForAssertion(() => Assert.Equal($"{expected} example(s) shown", page.Find("[data-testid=example-count]").TextContent), Slow);
    }
}
