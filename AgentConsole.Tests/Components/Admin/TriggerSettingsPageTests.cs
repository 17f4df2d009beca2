using Microsoft.AspNetCore.Components;
using AgentConsole.Tests.Support;
using AgentConsole.Components.Pages.Admin.TriggerSettings;
using AgentConsole.Core.Triggers;
using AgentConsole.Hosting;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentConsole.Tests.Components.Admin;

public sealed class TriggerSettingsPageTests : AdminPageTestBase
{
    private StoredSettingsService Settings => Factory.Services.GetRequiredService<StoredSettingsService>();
    private TriggerOptions Current => Factory.Services.GetRequiredService<IOptionsMonitor<TriggerOptions>>().CurrentValue;

    private async Task<SettingView> ViewAsync(string key) => (await Settings.ListAsync()).Single(s => s.Setting.Key == key);

    [Fact]
    public async Task SavingAValueAppliesItAndTellsThePage()
    {
        var changed = 0;
        var view = await ViewAsync("Triggers:Sentiment:FrustrationThreshold");
        var editor = Render<SettingEditor>(p => p
            .Add(e => e.View, view)
            .Add(e => e.OnChanged, () => changed++));

        await editor.Find("input").InputAsync(new ChangeEventArgs { Value = "0.6" });
        editor.Find("[data-testid=save-setting]").Click();

        editor.WaitForAssertion(() => Assert.Equal(1, changed), Slow);
        Assert.Equal(0.6, Current.Sentiment.FrustrationThreshold);
        Assert.Equal(DemoUsers.AdminEmail, Assert.Single(await Settings.HistoryAsync()).ChangedBy);
    }

    [Fact]
    public async Task ARefusedValueShowsWhyAndChangesNothing()
    {
        var changed = 0;
        var view = await ViewAsync("Triggers:EscalationThreshold");
        var editor = Render<SettingEditor>(p => p
            .Add(e => e.View, view)
            .Add(e => e.OnChanged, () => changed++));

        await editor.Find("input").InputAsync(new ChangeEventArgs { Value = "15" });
        editor.Find("[data-testid=save-setting]").Click();

        editor.WaitForAssertion(() => Assert.Contains("between 0.1 and 10", editor.Find("[data-testid=setting-error]").TextContent), Slow);
        Assert.Equal(0, changed);
        Assert.Equal(1.0, Current.EscalationThreshold);
        Assert.Empty(await Settings.HistoryAsync());
    }

    [Fact]
    public async Task SaveIsOfferedOnlyOnceTheValueDiffers()
    {
        var view = await ViewAsync("Triggers:Unresolved:Minutes");
        var editor = Render<SettingEditor>(p => p.Add(e => e.View, view));

        Assert.True(editor.Find("[data-testid=save-setting]").HasAttribute("disabled"));
        editor.Find("input").Input("20");

        editor.WaitForAssertion(() => Assert.False(editor.Find("[data-testid=save-setting]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task AStoredValueCanBeResetToTheFileDefault()
    {
        await Settings.SaveAsync("Triggers:Unresolved:Minutes", "25", TestActors.Named(DemoUsers.AdminEmail));
        var stored = await ViewAsync("Triggers:Unresolved:Minutes");
        var changed = 0;
        var editor = Render<SettingEditor>(p => p.Add(e => e.View, stored).Add(e => e.OnChanged, () => changed++));
        Assert.Contains("File value: 15", editor.Find("[data-testid=stored-note]").TextContent);

        editor.Find("[data-testid=reset-setting]").Click();

        editor.WaitForAssertion(() => Assert.Equal(1, changed), Slow);
        Assert.Equal(15, Current.Unresolved.Minutes);
        Assert.True((await Settings.HistoryAsync())[0].Reset);
    }

    [Fact]
    public async Task AValueNotStoredOffersNoReset()
    {
        var view = await ViewAsync("Triggers:Unresolved:Minutes");
        var editor = Render<SettingEditor>(p => p.Add(e => e.View, view));

        Assert.Empty(editor.FindAll("[data-testid=reset-setting]"));
    }

    [Fact]
    public async Task PhraseListsAreEditedOneEntryALine()
    {
        var view = await ViewAsync("Triggers:KeywordRepeat:Keywords");
        var editor = Render<SettingEditor>(p => p.Add(e => e.View, view));
        Assert.Contains("refund\nchargeback", editor.Find("textarea").GetAttribute("value") ?? editor.Find("textarea").TextContent);

        await editor.Find("textarea").InputAsync(new ChangeEventArgs { Value = "refund\nlawyer" });
        editor.Find("[data-testid=save-setting]").Click();

        editor.WaitForAssertion(() => Assert.Equal(["refund", "lawyer"], Current.KeywordRepeat.Keywords!), Slow);
    }

    [Fact]
    public async Task ThePageGroupsSettingsByFamilyAndShowsTheHistory()
    {
        await Settings.SaveAsync("Triggers:Security:Weight", "0.9", TestActors.Named(DemoUsers.AdminEmail));

        var page = Render<TriggerSettingsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")), Slow);
        Assert.Contains("1 → 0.9", page.Find("[data-testid=history-row]").TextContent);
        Assert.Contains("Security (1 changed from the file)", page.Markup);
        Assert.Contains("Keyword repeat", page.Markup);
    }
}
