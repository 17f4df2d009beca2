using AgentConsole.Core.Audit;
using AgentConsole.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentConsole.Components.Pages.Admin.Audit;

/// <summary>
/// The audit log's CSV download at <see cref="Path"/>, for admins signed in with the console's
/// cookie: the same filter as the page, as query parameters (<c>action</c>, <c>actor</c>, <c>from</c>, <c>to</c>, days as yyyy-MM-dd).
/// </summary>
public static class AuditExport
{
    public const string Path = "/admin/audit/export";

    /// <summary>The download's address for <paramref name="filter"/>.</summary>
    public static string Link(AuditFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["action"] = filter.Action,
            ["actor"] = filter.Actor,
            ["from"] = filter.From?.ToString("yyyy-MM-dd"),
            ["to"] = filter.To?.ToString("yyyy-MM-dd"),
        }.Where(p => !string.IsNullOrEmpty(p.Value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path, query!);
    }

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(ConsoleRoles.Admin))
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(string? action, string? actor, string? from, string? to,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = Day(from, "from", errors);
        var toDay = Day(to, "to", errors);
        if (!string.IsNullOrEmpty(action) && !AuditActions.All.Contains(action)) errors["action"] = [$"'{action}' is not an audited action."];
        if (fromDay > toDay) errors["to"] = ["The last day is before the first."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var csv = await audit.CsvAsync(new AuditFilter(action, actor, fromDay, toDay), cancellationToken);
        var name = $"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }

    private static DateOnly? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day)) return day;
        errors[field] = ["Give a day as yyyy-MM-dd."];
        return null;
    }
}
