using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentConsole.Tests.Support;

/// <summary>A logger provider that keeps every entry at <see cref="LogLevel.Information"/> or above, for tests that check what the app logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>One logged entry.</summary>
    public sealed record Entry(LogLevel Level, string Category, string Message);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception)));
        }
    }
}
