using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AgentConsole.Core.Staffing;

/// <summary>
/// The <c>Staffing</c> section: how the forecast reads history and what service level it staffs
/// for, and the simulator's abandonment model. The root <c>appsettings.json</c> ships these defaults.
/// </summary>
public sealed class StaffingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Staffing";

    /// <summary>How many past weeks of stored arrivals and handle times the forecast averages.</summary>
    [Range(1, 52)] public int Weeks { get; set; } = 4;

    /// <summary>The share of cases to answer within <see cref="AnswerSeconds"/>, such as 0.80.</summary>
    [Range(0.01, 0.999)] public double ServiceLevel { get; set; } = 0.80;

    /// <summary>The answer-time target of the service level, in seconds.</summary>
    [Range(1, 86_400)] public int AnswerSeconds { get; set; } = 60;

    /// <summary>
    /// The simulator's customers' mean patience: each waiting customer gives up after a patience drawn
    /// from an exponential distribution with this mean, in seconds.
    /// </summary>
    [Range(1, 86_400)] public int PatienceSeconds { get; set; } = 600;

    /// <summary>The handle time the forecast and the simulator assume for a team with no resolved case in the weeks read, in seconds.</summary>
    [Range(1, 86_400)] public int DefaultHandleSeconds { get; set; } = 600;
}

/// <summary>Checks <see cref="StaffingOptions"/>; generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class StaffingOptionsValidator : IValidateOptions<StaffingOptions>;
