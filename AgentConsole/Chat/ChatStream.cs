using System.Text;
using System.Text.Json;
using AgentConsole.Core.Chat;
using Microsoft.AspNetCore.Http.Features;

namespace AgentConsole.Chat;

/// <summary>
/// The customer's live stream, as Server-Sent Events: every message after the cursor, the status
/// when it changes, and the agent's typing. It listens before it reads, so nothing stored between
/// the two is missed; each signal makes it read what is new from the store, so the stream is always
/// the transcript, whoever wrote it. A comment line every <see cref="Heartbeat"/> keeps proxies from
/// closing it.
/// </summary>
public static class ChatStream
{
    /// <summary>How long the stream stays silent before it sends a heartbeat.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(HttpContext http, CustomerChat chat, ChatSignals signals, long? after, CancellationToken cancellationToken)
    {
        if (await ChatAuth.SessionAsync(http, chat, cancellationToken) is not { } session)
        {
            await ChatAuth.Unauthorized().ExecuteAsync(http);
            return;
        }
        if (await chat.ConversationIdAsync(session, cancellationToken) is not { } conversationId)
        {
            await ChatAuth.Unauthorized().ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var listener = signals.Listen(conversationId);
        var cursor = Math.Max(0, after ?? 0);
        ChatStatus? shown = null;
        try
        {
            var read = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (read)
                {
                    // The status is read before the messages and written after them, so every message stored before the
                    // status was read comes first: a rating request never arrives ahead of the bot's closing message.
                    var status = await chat.StatusAsync(session, cancellationToken);
                    foreach (var message in await chat.TranscriptAsync(session, cursor, cancellationToken))
                    {
                        await WriteAsync(http, "message", ChatMessageResponse.From(message), message.Id, cancellationToken);
                        cursor = message.Id;
                    }
                    if (status != shown) await WriteAsync(http, "status", ChatStatusResponse.From(status), null, cancellationToken);
                    shown = status;
                    listener.Waiting = status.Waiting;
                }
                await http.Response.Body.FlushAsync(cancellationToken);

                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                quiet.CancelAfter(Heartbeat);
                ChatSignal signal;
                try
                {
                    signal = await listener.Signals.ReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": ping\n\n", cancellationToken);
                    read = false;
                    continue;
                }
                read = false;
                // A burst of signals is one read.
                do
                {
                    if (signal.Kind == ChatSignalKind.Typing)
                        await WriteAsync(http, "typing", new { name = signal.Name, typing = signal.IsTyping }, null, cancellationToken);
                    else read = true;
                }
                while (listener.Signals.TryRead(out signal!));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The customer closed the page.
        }
    }

    private static async Task WriteAsync(HttpContext http, string name, object data, long? id, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (id is { } value) text.Append("id: ").Append(value).Append('\n');
        text.Append("event: ").Append(name).Append('\n');
        text.Append("data: ").Append(JsonSerializer.Serialize(data, Json)).Append("\n\n");
        await http.Response.WriteAsync(text.ToString(), cancellationToken);
    }
}
