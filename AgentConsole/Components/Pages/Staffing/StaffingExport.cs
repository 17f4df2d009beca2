using AgentConsole.Auth;
using AgentConsole.Core.Identity;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Core.Staffing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentConsole.Components.Pages.Staffing;

/// <summary>
/// The staffing forecast's CSV download at <see cref="Path"/>, for team leads (their own team only),
/// supervisors and admins signed in with the console's cookie: <c>team</c> (an id; a lead's own team,
/// every team for a supervisor when left out) and <c>roster</c> (<c>published</c>, the default, or <c>draft</c>).
/// Bad input is a 400, another team's roster for a lead a 403 and an unknown team a 404, each with problem details.
/// </summary>
public static class StaffingExport
{
    public const string Path = "/staffing/export";

    /// <summary>The download's address for one team against one roster version.</summary>
    public static string Link(Guid teamId, RosterVersion roster) =>
        $"{Path}?team={teamId}&roster={roster.ToString().ToLowerInvariant()}";

    public static IEndpointRouteBuilder MapStaffingExport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(ConsoleRoles.TeamLead, ConsoleRoles.Supervisor, ConsoleRoles.Admin))
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(string? team, string? roster,
        HttpContext context, StaffingForecast forecast, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? teamId = null;
        if (!string.IsNullOrEmpty(team))
        {
            if (Guid.TryParse(team, out var id)) teamId = id;
            else errors["team"] = [$"'{team}' is not a team id."];
        }
        var version = roster switch
        {
            null or "" or "published" => RosterVersion.Published,
            "draft" => RosterVersion.Draft,
            _ => (RosterVersion?)null,
        };
        if (version is null) errors["roster"] = ["The roster is 'published' or 'draft'."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        if (!ConsoleAuth.TryGetActor(context.User, out var actor)) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        if (!actor.IsSupervisor)
        {
            // A lead's forecast is their own team's, whatever the link asks.
            if (actor.TeamId is not { } own || (teamId is { } asked && asked != own))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "A team lead sees their own team's staffing only.");
            teamId = own;
        }
        StaffingForecastReport report;
        try
        {
            report = await forecast.ForecastAsync(teamId, version!.Value, cancellationToken);
        }
        catch (RoutingNotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message);
        }
        var name = $"staffing-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ForecastCsv.Write(report)), "text/csv; charset=utf-8", name);
    }
}
