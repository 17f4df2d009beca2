using System.ComponentModel.DataAnnotations;

namespace AgentConsole.Core.Chat;

/// <summary>The chat widget's public endpoints: who may embed them, and how fast a customer may go.</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channel";

    /// <summary>
    /// The origins (scheme, host and port, such as <c>https://www.example.com</c>) whose pages may
    /// embed the widget. The desk's own origin is always allowed; a request from any other is refused.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How many messages one conversation may send a minute.</summary>
    [Range(1, 10_000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>How many requests to the widget's endpoints one IP address may make a minute, all conversations together.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerIp { get; set; } = 600;

    /// <summary>How many conversations one IP address may start an hour.</summary>
    [Range(1, 100_000)]
    public int ConversationsPerHourPerIp { get; set; } = 30;
}
