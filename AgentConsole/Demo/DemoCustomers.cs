using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Hosting;
using Microsoft.Extensions.Options;

namespace AgentConsole.Demo;

/// <summary>
/// In demo mode, simulated customers chat through the widget's own pipeline (<see cref="CustomerChat"/>):
/// a new one every <see cref="DemoOptions.TrafficIntervalSeconds"/>, from the scripts. They write to the
/// built-in bot, say whether its answer helped, answer the agent who takes their case, and rate the help,
/// so the queue moves and the dashboard fills as on a real desk.
/// </summary>
public sealed class DemoCustomers(IOptions<DemoOptions> options, CustomerChat chat, ChatSignals signals, TimeProvider time, ILogger<DemoCustomers> logger)
    : BackgroundService
{
    private const int MostAtOnce = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);
    private readonly List<Task> _running = [];
    private int _next;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.LiveTraffic) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.TrafficIntervalSeconds), time);
        do
        {
            _running.RemoveAll(t => t.IsCompleted);
            if (_running.Count >= MostAtOnce) continue;
            var script = DemoScripts.BuiltIn[_next++ % DemoScripts.BuiltIn.Count];
            _running.Add(PlayAsync(script, stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PlayAsync(DemoScript script, CancellationToken cancellationToken)
    {
        try
        {
            var customer = script.Customer is { } id ? new CustomerReference(id, new CustomerProfile()) : null;
            var (_, session) = await chat.StartAsync(new PageSnapshot(script.Page.Url, script.Page.Title, null), cancellationToken, customer);
            var conversationId = (await chat.ConversationIdAsync(session, cancellationToken))!.Value;
            using var listener = signals.Listen(conversationId);
            var conversation = new Conversation(chat, session, listener, time, cancellationToken);

            foreach (var turn in script.Turns)
            {
                await conversation.SayAsync(turn);
                if (!await conversation.HeardBackAsync(TimeSpan.FromSeconds(45)) || (await chat.StatusAsync(session, cancellationToken)).Stage != ChatStage.Bot) break;
            }
            var status = await chat.StatusAsync(session, cancellationToken);
            if (status.Stage == ChatStage.Bot && script.Feedback is { } feedback)
            {
                await conversation.SayAsync(feedback);
                await conversation.HeardBackAsync(TimeSpan.FromSeconds(45));
            }
            else if (status.Stage != ChatStage.Bot)
            {
                await TalkToTheAgentAsync(conversation, script.AfterAgent ?? [], cancellationToken);
            }
            status = await chat.StatusAsync(session, cancellationToken);
            if (status is { RatingRequested: true, Rated: false } && script.Rating is { } score)
            {
                await Task.Delay(TimeSpan.FromSeconds(4), time, cancellationToken);
                await chat.RateAsync(session, score, script.Comment, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A simulated customer ({Script}) stopped.", script.Name);
        }
    }

    // Each agent message gets the script's next answer, until the case is resolved or the customer runs out of patience.
    private async Task TalkToTheAgentAsync(Conversation conversation, IReadOnlyList<string> answers, CancellationToken cancellationToken)
    {
        var next = 0;
        var giveUpAt = time.GetUtcNow() + Patience;
        while (time.GetUtcNow() < giveUpAt)
        {
            var stage = (await chat.StatusAsync(conversation.Session, cancellationToken)).Stage;
            if (stage is ChatStage.Resolved or ChatStage.Closed) return;
            var heard = await conversation.NewMessagesAsync(TimeSpan.FromSeconds(30));
            if (heard.Any(m => m.Author == MessageAuthor.Agent) && next < answers.Count) await conversation.SayAsync(answers[next++]);
        }
    }

    /// <summary>One simulated customer's view of their conversation: what they said and what they have read.</summary>
    private sealed class Conversation(CustomerChat chat, ChatSession session, ChatSignals.Listener listener, TimeProvider time, CancellationToken cancellationToken)
    {
        private long _read;

        public ChatSession Session => session;

        /// <summary>Types for a few seconds, as people do, then sends.</summary>
        public async Task SayAsync(string text)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(text.Length / 12.0, 2, 8)), time, cancellationToken);
            var sent = await chat.SendAsync(session, Guid.NewGuid().ToString("N"), text, cancellationToken);
            _read = Math.Max(_read, sent.Id);
        }

        /// <summary>Waits until someone other than the customer writes; false if nobody did within <paramref name="wait"/>.</summary>
        public async Task<bool> HeardBackAsync(TimeSpan wait)
        {
            var until = time.GetUtcNow() + wait;
            while (time.GetUtcNow() < until)
            {
                if ((await NewMessagesAsync(until - time.GetUtcNow())).Any(m => m.Author != MessageAuthor.Customer)) return true;
            }
            return false;
        }

        /// <summary>The messages since the last read, waiting up to <paramref name="wait"/> for a change when there are none.</summary>
        public async Task<IReadOnlyList<ChatMessage>> NewMessagesAsync(TimeSpan wait)
        {
            var messages = await chat.TranscriptAsync(session, _read, cancellationToken);
            if (messages.Count == 0 && wait > TimeSpan.Zero)
            {
                using var quiet = new CancellationTokenSource(wait, time);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token);
                try { await listener.Signals.ReadAsync(timeout.Token); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
                messages = await chat.TranscriptAsync(session, _read, cancellationToken);
            }
            if (messages.Count > 0) _read = messages[^1].Id;
            return messages;
        }
    }
}
