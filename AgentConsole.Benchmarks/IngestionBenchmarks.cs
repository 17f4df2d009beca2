using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Data;
using AgentConsole.Core.Integrations;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentConsole.Benchmarks;

/// <summary>
/// Durable ingestion: a batch of <see cref="BatchSize"/> events (half customer, half bot messages) through the API's
/// storage path (<see cref="ConversationIngestor"/>: dedupe lookup, conversation, messages, the
/// event ledger, the rule stage and the trigger state, committed in one transaction) against raw
/// Microsoft.Data.Sqlite inserts of the same rows at the same durability (WAL, synchronous=FULL,
/// one committed transaction per batch). The target is 70% or more of the raw rate at 10 events a batch. Each row is one
/// batch; events/s = BatchSize / Mean, and the Ratio column compares the two at the same batch size.
/// The storage path runs with a fixed classifier so that it measures storage, not the neural
/// encoder, whose throughput <see cref="ClassifierBenchmarks"/> reports.
/// </summary>
// Each case starts on a fresh database while the disk still writes back the last case's files: the first ten or so iterations
// run slow on both sides (1.4 ms against a steady 0.85 ms), so the warm-up is long enough to pass them.
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 30)]
public class IngestionBenchmarks
{
    [Params(2, 10, 50)]
    public int BatchSize { get; set; }

    private string _directory = "";
    private PooledDbContextFactory<AgentConsoleDbContext> _factory = null!;
    private ConversationIngestor _ingestor = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _insertMessage = null!, _insertLedger = null!;
    private Guid _integrationId;
    private string[] _rawConversationIds = [];
    private int _batch;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "agentconsole-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _factory = new PooledDbContextFactory<AgentConsoleDbContext>(
            new DbContextOptionsBuilder<AgentConsoleDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "api.db")}").Options);
        await DatabaseInitializer.MigrateAsync(_factory);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            var integration = new Integration("bench", ApiKeys.Generate(), DateTime.UtcNow);
            db.Integrations.Add(integration);
            await db.SaveChangesAsync();
            _integrationId = integration.Id;
        }
        var engine = new TriggerEngine(new FixedClassifier(), () => TriggerDefaults);
        _ingestor = new ConversationIngestor(_factory, TimeProvider.System, engine);

        _raw = new SqliteConnection($"Data Source={Path.Combine(_directory, "raw.db")};Pooling=False");
        _raw.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("CREATE TABLE Messages (Id INTEGER PRIMARY KEY AUTOINCREMENT, ConversationId TEXT NOT NULL, Author TEXT NOT NULL, Text TEXT NOT NULL, SentAt TEXT NOT NULL, EventId TEXT, BotConfidence REAL);");
        Execute("CREATE INDEX IX_Messages_ConversationId_SentAt ON Messages (ConversationId, SentAt);");
        Execute("CREATE TABLE InboundEvents (Id INTEGER PRIMARY KEY AUTOINCREMENT, ConversationId TEXT NOT NULL, EventId TEXT NOT NULL, Type TEXT NOT NULL, OccurredAt TEXT NOT NULL, ReceivedAt TEXT NOT NULL, Payload TEXT NOT NULL);");
        Execute("CREATE UNIQUE INDEX IX_InboundEvents ON InboundEvents (ConversationId, EventId);");
        // The raw rows carry conversation ids like the store's (a GUID as upper-case text), so both sides write the same bytes.
        _rawConversationIds = Enumerable.Range(0, Conversations).Select(_ => Guid.NewGuid().ToString().ToUpperInvariant()).ToArray();
        _insertMessage = Prepare("INSERT INTO Messages (ConversationId, Author, Text, SentAt, EventId, BotConfidence) VALUES ($c, $a, $t, $s, $e, $b)", "$c", "$a", "$t", "$s", "$e", "$b");
        _insertLedger = Prepare("INSERT INTO InboundEvents (ConversationId, EventId, Type, OccurredAt, ReceivedAt, Payload) VALUES ($c, $e, $y, $o, $r, $p)", "$c", "$e", "$y", "$o", "$r", "$p");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ingestor.Dispose();
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>One batch through the API's storage path.</summary>
    [Benchmark(Baseline = true)]
    public Task<IngestionResult> StoragePath()
    {
        var n = Interlocked.Increment(ref _batch);
        return _ingestor.IngestAsync(_integrationId, $"conv-{n % Conversations}", Batch(n));
    }

    /// <summary>The same rows inserted with raw commands in one transaction.</summary>
    [Benchmark]
    public void RawSqliteInserts()
    {
        var n = Interlocked.Increment(ref _batch);
        var conversation = _rawConversationIds[n % Conversations];
        var now = DateTime.UtcNow.ToString("O");
        using var transaction = _raw.BeginTransaction();
        _insertMessage.Transaction = _insertLedger.Transaction = transaction;
        foreach (var e in Batch(n).Events)
        {
            var (author, text, confidence) = e switch
            {
                CustomerMessageEvent c => ("Customer", c.Text, (object)DBNull.Value),
                BotMessageEvent b => ("Bot", b.Text, (object?)b.Confidence ?? DBNull.Value),
                _ => throw new InvalidOperationException(),
            };
            Bind(_insertMessage, conversation, author, text, e.At.ToString("O"), e.Id, confidence);
            _insertMessage.ExecuteNonQuery();
            Bind(_insertLedger, conversation, e.Id, e.Type, e.At.ToString("O"), now, e.RawJson);
            _insertLedger.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private const int Conversations = 200;
    private static readonly TriggerOptions TriggerDefaults = new();

    private EventBatch Batch(int n)
    {
        var at = DateTime.UtcNow;
        var events = new List<InboundEventData>(BatchSize);
        for (var i = 0; i < BatchSize / 2; i++)
        {
            var text = $"My export {n}-{i} keeps failing when I pick last quarter, can you check?";
            events.Add(new CustomerMessageEvent($"e{n}-{i}c", at, $$"""{"id":"e{{n}}-{{i}}c","type":"customer.message","text":"{{text}}"}""", text));
            var reply = "Let me look at your export settings.";
            events.Add(new BotMessageEvent($"e{n}-{i}b", at, $$"""{"id":"e{{n}}-{{i}}b","type":"bot.message","text":"{{reply}}","confidence":0.8}""", reply, 0.8));
        }
        return new EventBatch(null, null, null, events);
    }

    private void Execute(string sql)
    {
        using var command = _raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _raw.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    /// <summary>Classifies every text as Other, so the storage path is measured without the encoder.</summary>
    private sealed class FixedClassifier : IIssueClassifier
    {
        private static readonly CategoryPrediction Other = new(IssueCategory.Other, 1, new Dictionary<IssueCategory, double> { [IssueCategory.Other] = 1 }, null);
        public IReadOnlyList<CategoryPrediction> Classify(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => texts.Select(_ => Other).ToList();
        public void SetExamples(IReadOnlyList<CategoryExample> examples) { }
    }
}
