using System.Text.RegularExpressions;
using AgentConsole.Core.Cases;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>
/// "Keyboard: you can work a case with the keyboard, and the controls have labels." A case worked
/// from offer to resolution with keys alone, and every visible control on every page given a name.
/// </summary>
public sealed class KeyboardTests : BrowserTestBase
{
    // More presses than a full round of the queue or the case page takes, so a control Tab skips fails instead of looping.
    private const int MaxTabPresses = 60;

    [Fact]
    public async Task AnAgentAcceptsRepliesToAndResolvesACaseWithTheKeyboardAlone()
    {
        // Arrange: Priya is the only billing agent free, so the escalation is offered to her.
        var page = await PriyasQueueWithMarcusOfflineAsync();
        var caseId = await PostEscalationAsync("e2e-keyboard");
        var offer = page.Locator($"[data-testid=offer][data-case-id='{caseId}']");
        await Assertions.Expect(offer).ToBeVisibleAsync();

        // Act: from here on, only keys. Reaching each control by Tab is itself the check that it is reachable.
        await TabToAsync(page, offer.GetByTestId("accept"));
        await page.Keyboard.PressAsync("Enter");
        var assigned = page.Locator($"[data-testid=assigned-case][data-case-id='{caseId}']");
        await Assertions.Expect(assigned).ToBeVisibleAsync();
        await TabToAsync(page, assigned);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/cases/{caseId}$"));
        await Assertions.Expect(page.GetByTestId("briefing")).ToBeVisibleAsync();

        // The box holds the suggested greeting: add to its end, a second line with Shift+Enter, and send with Enter.
        var reply = Field(page, "reply-text");
        await Assertions.Expect(reply).Not.ToHaveValueAsync("");
        await TabToAsync(page, reply);
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" I'm looking at your invoice now.");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.Keyboard.TypeAsync("Back in a minute.");
        await Assertions.Expect(reply).ToHaveValueAsync(new Regex(@" I'm looking at your invoice now\.\r?\nBack in a minute\.$"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "Back in a minute." })).ToBeVisibleAsync();

        await TabToAsync(page, page.GetByTestId("open-resolve"));
        await page.Keyboard.PressAsync("Enter");
        var note = Field(page, "resolve-note");
        await TabToAsync(page, note);
        await page.Keyboard.TypeAsync("Corrected the invoice amount.");
        var confirm = page.GetByTestId("confirm-resolve");
        // The button is enabled once the note has reached the server; a disabled button is not a Tab stop.
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await TabToAsync(page, confirm);
        await page.Keyboard.PressAsync("Enter");

        // Assert
        await Assertions.Expect(page.GetByTestId("resolved")).ToBeVisibleAsync();
        await using var db = Factory.CreateDbContext();
        var stored = await db.Cases.SingleAsync(c => c.Id == caseId);
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.Equal("Corrected the invoice amount.", stored.ResolutionNote);
        Assert.NotNull(stored.FirstRepliedAt);
        var sent = await db.Messages.Where(m => m.ConversationId == stored.ConversationId && m.Author == MessageAuthor.Agent).Select(m => m.Text).SingleAsync();
        Assert.EndsWith(" I'm looking at your invoice now.\nBack in a minute.", sent.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task EveryControlOnTheAgentsQueueAndCasePagesHasAName()
    {
        // Arrange: Priya holds one case and has another offered.
        var priyaId = await AgentIdAsync(Priya);
        await Engine.SetPresenceAsync(await AgentIdAsync(Marcus), Presence.Offline, RoutingActor.ForSupervisor());
        var heldId = await PostEscalationAsync("e2e-labels-held");
        await Engine.AcceptOfferAsync(heldId, RoutingActor.ForAgent(priyaId, await TeamIdAsync(priyaId), "Priya Raman"));
        var offeredId = await PostEscalationAsync("e2e-labels-offered");
        var page = await NewPageAsync();
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);
        var unnamed = new List<string>();

        // Act
        await OpenAsync(page, "/queue");
        await Assertions.Expect(page.Locator($"[data-testid=offer][data-case-id='{offeredId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=assigned-case][data-case-id='{heldId}']")).ToBeVisibleAsync();
        await AuditAsync(page, "/queue", unnamed);

        await OpenAsync(page, $"/cases/{heldId}");
        await Assertions.Expect(page.GetByTestId("briefing")).ToBeVisibleAsync();
        await ClickToOpenAsync(page.GetByTestId("open-resolve"), page.GetByTestId("resolve-form"));
        await AuditAsync(page, "case, resolve form", unnamed);
        await page.GetByTestId("open-transfer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transfer-form")).ToBeVisibleAsync();
        await AuditAsync(page, "case, transfer to a skill", unnamed);
        await page.GetByTestId("transfer-form").GetByText("A team").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transfer-form").Locator("label.mud-input-label").Filter(new() { HasTextRegex = new Regex("^Team$") })).ToBeVisibleAsync();
        await AuditAsync(page, "case, transfer to a team", unnamed);
        await page.GetByTestId("transfer-form").GetByText("An agent").ClickAsync();
        await Assertions.Expect(page.GetByTestId("transfer-form").Locator("label.mud-input-label").Filter(new() { HasTextRegex = new Regex("^Agent$") })).ToBeVisibleAsync();
        await AuditAsync(page, "case, transfer to an agent", unnamed);
        await page.GetByTestId("open-engineering").ClickAsync();
        await Assertions.Expect(page.GetByTestId("engineering-form")).ToBeVisibleAsync();
        await AuditAsync(page, "case, engineering form", unnamed);
        var flags = page.GetByTestId("feedback-flags");
        await flags.GetByRole(AriaRole.Button, new() { Name = "Flag…" }).First.ClickAsync();
        await Assertions.Expect(Field(page, "flag-comment")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("notes")).ToBeVisibleAsync();
        await AuditAsync(page, "case, notes and an open flag", unnamed);

        // Assert
        Assert.True(unnamed.Count == 0, "Controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    [Fact]
    public async Task EveryControlOnTheTeamBoardAndItsDialogsHasAName()
    {
        // Arrange: a case on Priya, so the board has a row to reassign and agents to edit.
        var priyaId = await AgentIdAsync(Priya);
        await Engine.SetPresenceAsync(await AgentIdAsync(Marcus), Presence.Offline, RoutingActor.ForSupervisor());
        var caseId = await PostEscalationAsync("e2e-labels-team");
        await Engine.AcceptOfferAsync(caseId, RoutingActor.ForAgent(priyaId, await TeamIdAsync(priyaId), "Priya Raman"));
        var page = await NewPageAsync();
        await SignInAsync(page, Marcus, DemoUsers.LeadPassword);
        var unnamed = new List<string>();

        // Act
        await OpenAsync(page, "/team");
        await Assertions.Expect(page.GetByTestId($"case-row-{caseId}")).ToBeVisibleAsync();
        await AuditAsync(page, "/team", unnamed);

        await ClickToOpenAsync(page.GetByTestId($"reassign-{caseId}"), page.GetByTestId("reassign-dialog"));
        await AuditAsync(page, "/team, reassign dialog", unnamed);
        await CloseWithEscapeAsync(page, page.GetByTestId("reassign-dialog"));

        await page.GetByTestId($"edit-{priyaId}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("edit-skills")).ToBeVisibleAsync();
        await AuditAsync(page, "/team, edit-agent dialog", unnamed);

        // Assert
        Assert.True(unnamed.Count == 0, "Controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    [Fact]
    public async Task EveryControlOnTheSupervisorDashboardHasAName()
    {
        // Arrange: an escalation in the last hour, so both charts draw.
        await PostEscalationAsync("e2e-labels-dashboard");
        var page = await NewPageAsync();
        await SignInAsync(page, DemoUsers.SupervisorEmail, DemoUsers.SupervisorPassword);
        var unnamed = new List<string>();

        // Act
        await OpenAsync(page, "/dashboard");
        await Assertions.Expect(page.GetByTestId("queue-depth-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("escalations-chart").Locator("svg").First).ToBeVisibleAsync();
        await AuditAsync(page, "/dashboard", unnamed);

        // Assert
        Assert.True(unnamed.Count == 0, "Controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    [Fact]
    public async Task EveryControlOnTheAdminPagesHasAName()
    {
        // Arrange
        var page = await NewPageAsync();
        await SignInAsync(page, DemoUsers.AdminEmail, DemoUsers.AdminPassword);
        var unnamed = new List<string>();

        // Act: each page, with its panels opened and a row in edit mode.
        await OpenAsync(page, "/admin/triggers");
        var headers = page.Locator(".mud-expand-panel-header");
        await Assertions.Expect(headers.First).ToBeVisibleAsync();
        await ClickToOpenAsync(headers.First, page.Locator(".mud-expand-panel .setting").First);
        for (var i = 1; i < await headers.CountAsync(); i++) await headers.Nth(i).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-expand-panel").Last.Locator(".setting").First).ToBeVisibleAsync();
        await AuditAsync(page, "/admin/triggers, every family open", unnamed);

        await OpenAsync(page, "/admin/examples");
        await Assertions.Expect(page.GetByTestId("example-row").First).ToBeVisibleAsync();
        await ClickToOpenAsync(page.GetByTestId("edit-example").First, page.GetByTestId("example-row").First.GetByTestId("example-form"));
        await AuditAsync(page, "/admin/examples, a row in edit", unnamed);

        await OpenAsync(page, "/admin/knowledge");
        await ClickToOpenAsync(page.GetByTestId("open-article").First, page.GetByTestId("article-editor"));
        await ClickToOpenAsync(page.GetByTestId("delete-article"), page.GetByTestId("confirm-delete"));
        await AuditAsync(page, "/admin/knowledge, an article open with its delete to confirm", unnamed);

        await OpenAsync(page, "/admin/integrations");
        await ClickToOpenAsync(page.GetByTestId("edit-callback").First, Field(page, "callback-input"));
        await Field(page, "integration-name").FillAsync("Labels audit bot");
        await page.GetByTestId("create-integration").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-key-notice")).ToBeVisibleAsync();
        await AuditAsync(page, "/admin/integrations, a new key shown and a callback in edit", unnamed);

        await OpenAsync(page, "/admin/users");
        await ClickToOpenAsync(page.GetByTestId("change-role").First, page.GetByTestId("user-row").First.GetByTestId("role-picker"));
        await AuditAsync(page, "/admin/users, a role in edit", unnamed);

        // Assert
        Assert.True(unnamed.Count == 0, "Controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    // Presses Tab until the target has focus: a control that Tab never reaches is not keyboard-operable.
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await target.WaitForAsync();
        var trail = new List<string>();
        for (var press = 0; press <= MaxTabPresses; press++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
            if (press == MaxTabPresses) break;
            await page.Keyboard.PressAsync("Tab");
            trail.Add(await page.EvaluateAsync<string>(DescribeFocusScript));
        }
        Assert.Fail($"Tab never reached {target} in {MaxTabPresses} presses. Focus went to:\n  " + string.Join("\n  ", trail));
    }

    private const string DescribeFocusScript = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            const name = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 50);
            return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '') + ` "${name}"`;
        }
        """;

    // Every visible interactive element and whether it has an accessible name. Visible as Playwright
    // means it: a non-empty box and not visibility:hidden. Opacity does not hide: MudBlazor's
    // checkbox, radio and switch inputs are transparent over their label but are still the control.
    // The empty, boxless tabindex=0 sentinels of MudBlazor's dialog focus trap (which only send focus
    // back into the dialog) are not visible by this rule, so they are not counted; nothing else is left out.
    // A name comes from aria-label, aria-labelledby, a <label> (for= or wrapping), text content,
    // title, a contained image's alt, or a button-like input's value; never from a placeholder.
    // Text content does not name a field (input, textarea, select, combobox, textbox, slider,
    // spinbutton, listbox): there it is the field's value, not what the field is for.
    private const string UnnamedControlsScript = """
        () => {
            const controls = 'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=combobox], [role=switch], '
                + '[role=checkbox], [role=radio], [role=tab], [role=slider], [role=menuitem]';
            const field = 'input, textarea, select, [role=combobox], [role=textbox], [role=slider], [role=spinbutton], [role=listbox], [role=searchbox]';
            const clean = s => (s || '').replace(/\s+/g, ' ').trim();
            const textOutside = (root, el) => {
                let text = '';
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!el.contains(node)) text += ' ' + node.nodeValue;
                return clean(text);
            };
            const isVisible = el => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
            };
            const hasName = el => {
                if (clean(el.getAttribute('aria-label'))) return true;
                const labelledBy = el.getAttribute('aria-labelledby');
                if (labelledBy && clean(labelledBy.split(/\s+/).map(id => document.getElementById(id)?.textContent ?? '').join(' '))) return true;
                const labels = [...(el.labels ?? []), ...(el.id ? document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`) : [])];
                const wrapping = el.closest('label');
                if (wrapping) labels.push(wrapping);
                if (labels.some(label => textOutside(label, el))) return true;
                if (!el.matches(field) && clean(el.textContent)) return true;
                if (clean(el.getAttribute('title'))) return true;
                if ([...el.querySelectorAll('img[alt]')].some(img => clean(img.alt))) return true;
                return el.matches('input[type=submit], input[type=button], input[type=reset]') && clean(el.value) !== '';
            };
            const describe = el => {
                const owner = el.parentElement?.closest('[data-testid]')?.dataset.testid;
                return `<${el.tagName.toLowerCase()}> id=${el.id || '-'} class="${el.getAttribute('class') || ''}" `
                    + `data-testid=${el.dataset.testid || '-'} inside=${owner || '-'} :: ${el.outerHTML.slice(0, 240)}`;
            };
            const found = [...document.querySelectorAll(`${controls}, [tabindex]`)]
                .filter(el => el.matches(controls) || el.tabIndex >= 0)
                .filter(isVisible);
            return { checked: found.length, unnamed: found.filter(el => !hasName(el)).map(describe) };
        }
        """;

    private sealed class AuditResult
    {
        public int Checked { get; set; }
        public string[] Unnamed { get; set; } = [];
    }

    private static async Task AuditAsync(IPage page, string where, List<string> unnamed)
    {
        var result = await page.EvaluateAsync<AuditResult>(UnnamedControlsScript);
        // The layout alone has a menu button, sign-out and navigation links: none found means the audit saw nothing.
        Assert.True(result.Checked > 3, $"The audit of {where} found only {result.Checked} controls.");
        unnamed.AddRange(result.Unnamed.Select(description => $"[{where}] {description}"));
    }
}
