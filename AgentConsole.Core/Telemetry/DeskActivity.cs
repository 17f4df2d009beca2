using System.Diagnostics;

namespace AgentConsole.Core.Telemetry;

/// <summary>
/// The desk's one <see cref="ActivitySource"/> and the names of its spans. An escalation is one
/// trace: <see cref="Ingest"/> (the bot's batch, stored) has <see cref="Classify"/> and
/// <see cref="TriggerEvaluate"/> under it, and <see cref="Route"/> (the engine's command for the case
/// it opened) under it too, though the engine runs it later on its own loop; each event the command
/// published is <see cref="Push"/>ed under the route.
/// </summary>
public static class DeskActivity
{
    /// <summary>The source's name, to add to a tracer provider.</summary>
    public const string SourceName = "AgentConsole";

    /// <summary>A bot's batch, from the call to the ingestor until it is stored.</summary>
    public const string Ingest = "ingest";

    /// <summary>The batch's customer messages, classified before the write lock.</summary>
    public const string Classify = "trigger.classify";

    /// <summary>The triggers fold the new events into the conversation's state and decide.</summary>
    public const string TriggerEvaluate = "trigger.evaluate";

    /// <summary>One routing engine command, stored and published.</summary>
    public const string Route = "route";

    /// <summary>One routing event carried to its listeners (the agents' hub, the customers' chat).</summary>
    public const string Push = "push";

    /// <summary>The source every span of the desk starts from.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The context to start a child from later, on another thread: the current span's, if any.</summary>
    public static ActivityContext CurrentContext => Activity.Current?.Context ?? default;

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="error"/>'s type and message.</summary>
    public static void Failed(this Activity? activity, Exception error)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error.GetType().FullName);
    }
}
