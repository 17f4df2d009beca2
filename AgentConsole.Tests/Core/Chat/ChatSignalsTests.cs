using AgentConsole.Core.Chat;

namespace AgentConsole.Tests.Core.Chat;

public sealed class ChatSignalsTests
{
    [Fact]
    public void AChangeWakesOnlyThatConversationsListeners()
    {
        var signals = new ChatSignals();
        var mine = Guid.NewGuid();
        using var listener = signals.Listen(mine);
        using var other = signals.Listen(Guid.NewGuid());

        signals.Changed(mine);

        Assert.True(listener.Signals.TryRead(out var signal));
        Assert.Equal(ChatSignalKind.Changed, signal!.Kind);
        Assert.False(other.Signals.TryRead(out _));
    }

    [Fact]
    public void AQueueMoveWakesOnlyTheCustomersWhoWait()
    {
        var signals = new ChatSignals();
        using var waiting = signals.Listen(Guid.NewGuid());
        using var withBot = signals.Listen(Guid.NewGuid());
        waiting.Waiting = true;

        signals.QueueMoved();

        Assert.True(waiting.Signals.TryRead(out _));
        Assert.False(withBot.Signals.TryRead(out _));
    }

    [Fact]
    public void ADisposedListenerIsForgottenAndTypingReachesTheDesk()
    {
        var signals = new ChatSignals();
        var conversation = Guid.NewGuid();
        var listener = signals.Listen(conversation);
        var typed = 0;
        var watch = signals.WatchCustomer(conversation, _ => typed++);

        listener.Dispose();
        signals.CustomerTyping(conversation, true);
        watch.Dispose();
        signals.CustomerTyping(conversation, true);

        Assert.Equal(0, signals.ListenerCount);
        Assert.Equal(1, typed);
    }

    [Fact]
    public void ASlowStreamKeepsOnlyTheLatestSignals()
    {
        var signals = new ChatSignals();
        var conversation = Guid.NewGuid();
        using var listener = signals.Listen(conversation);

        for (var i = 0; i < 100; i++) signals.AgentTyping(conversation, $"agent {i}", true);

        var kept = new List<ChatSignal>();
        while (listener.Signals.TryRead(out var signal)) kept.Add(signal);
        Assert.InRange(kept.Count, 1, 16);
        Assert.Equal("agent 99", kept[^1].Name);
    }
}
