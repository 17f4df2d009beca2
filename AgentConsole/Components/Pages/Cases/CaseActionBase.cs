using AgentConsole.Components.Shared;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Routing.Engine;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AgentConsole.Components.Pages.Cases;

/// <summary>What an action did to the reader's hold on the case.</summary>
public enum CaseActionOutcome
{
    /// <summary>The case changed; the reader still has it.</summary>
    Changed,
    /// <summary>The case left the reader (declined, transferred, escalated to engineering).</summary>
    LeftCase,
}

/// <summary>
/// The base of the case view's action forms: each calls the engine itself, behind one busy flag
/// that makes a double click act once, shows refusals as a snackbar, and tells the page when it
/// is done so the page reloads the case.
/// </summary>
public abstract class CaseActionBase : ComponentBase
{
    [Inject] protected IRoutingDesk Engine { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public CaseDetails Details { get; set; } = default!;
    [Parameter, EditorRequired] public RoutingActor Actor { get; set; } = default!;
    [Parameter] public EventCallback<CaseActionOutcome> OnDone { get; set; }

    /// <summary>An action is in flight; further clicks do nothing.</summary>
    protected bool Busy { get; private set; }

    protected long CaseId => Details.Case.Id;

    /// <summary>Runs <paramref name="action"/> once at a time; returns whether it succeeded.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string success, CaseActionOutcome outcome = CaseActionOutcome.Changed)
    {
        if (Busy) return false;
        Busy = true;
        try
        {
            await action();
        }
        catch (Exception e) when (ActionErrors.Describe(e) is { } message)
        {
            Snackbar.Add(message, Severity.Warning);
            return false;
        }
        finally
        {
            Busy = false;
        }
        Snackbar.Add(success, Severity.Success);
        await OnDone.InvokeAsync(outcome);
        return true;
    }
}
