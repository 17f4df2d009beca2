using System.Globalization;
using System.Text.Json;

namespace AgentConsole.Benchmarks;

/// <summary>What the load tools read from their command lines and from the bot API's replies.</summary>
internal static class LoadToolText
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or a <see cref="FormatException"/> that says so.</summary>
    public static int Int(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not a whole number from {min} to {max}.");

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or a <see cref="FormatException"/> that says so.</summary>
    public static double Number(string text, double min, double max) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{text}' is not a number from {min} to {max}.");

    /// <summary>
    /// A load tool's command line read in order onto <paramref name="options"/>: <paramref name="apply"/> takes each
    /// option's name and a function that reads its value, and throws a <see cref="FormatException"/> for a bad one
    /// (<see cref="Unknown"/> for an unknown name). Null, with the usage written to <paramref name="error"/>, when the
    /// line is wrong or asks for help.
    /// </summary>
    public static T? Options<T>(IReadOnlyList<string> args, TextWriter error, string tool, string usage, T options, Func<T, string, Func<string>, T> apply)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (name is "-h" or "--help")
                {
                    error.WriteLine(usage);
                    return null;
                }
                string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
                options = apply(options, name, Value);
            }
            return options;
        }
        catch (FormatException e)
        {
            error.WriteLine($"{tool}: {e.Message}");
            error.WriteLine(usage);
            return null;
        }
    }

    /// <summary>The error for an option no tool knows.</summary>
    public static FormatException Unknown(string option) => new($"Unknown option {option}.");

    /// <summary>The bot API reply's <c>escalation.id</c>, or null when the batch opened no case.</summary>
    public static long? EscalationId(byte[] reply)
    {
        try
        {
            using var document = JsonDocument.Parse(reply);
            return document.RootElement.TryGetProperty("escalation", out var escalation) && escalation.ValueKind == JsonValueKind.Object
                ? escalation.GetProperty("id").GetInt64()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
