using AgentConsole.Core.Chat;

namespace AgentConsole.Chat;

/// <summary>Runs the built-in bot: takes customers' turns from its inbox, one at a time, in the order they came.</summary>
public sealed class BuiltInBotService(ChatBotInbox inbox, BuiltInBot bot, ILogger<BuiltInBotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var turn in inbox.Turns.ReadAllAsync(stoppingToken))
        {
            try { await bot.HandleAsync(turn, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The customer's message is stored and the desk's timers still escalate it; the bot skips this turn.
                logger.LogWarning(e, "The built-in bot could not answer on conversation {Conversation}.", turn.ExternalId);
            }
        }
    }
}
