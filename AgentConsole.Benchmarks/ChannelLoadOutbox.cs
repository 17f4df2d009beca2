using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AgentConsole.Core.Data;
using AgentConsole.Core.Integrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentConsole.Benchmarks;

/// <summary>The outbox rows of the load bot's integration, by state, as the store holds them.</summary>
public sealed record OutboxCounts(int Written, int Delivered, int Pending, int Parked, IReadOnlyList<(string Type, int Count)> ByType);

/// <summary>
/// The external bot of <c>channel-load</c>: an integration whose callback URL is the tool's own
/// <see cref="OutboxReceiver"/>, created with the admin's operation (<see cref="IntegrationAdmin"/>,
/// what the Bot integrations page calls) on the store the tool prepares before the app starts. Its
/// conversations go in through the bot API and escalate; agents accept them on the hub, reply and
/// resolve them through the console API, and each of those writes an outbox row that the app
/// delivers to the receiver by signed webhook.
/// </summary>
public sealed class ChannelLoadOutbox : IAsyncDisposable
{
    public const string IntegrationName = "Channel load bot";

    private static readonly string[] HumanRequests =
    [
        "I want to speak to a human agent right now",
        "Can I talk to a real person please?",
        "I need to speak with a human, not a bot",
        "Please connect me to a human agent",
    ];

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private string? _apiKey;
    private int _conversations, _refused;

    private ChannelLoadOutbox(OutboxReceiver receiver) => Receiver = receiver;

    public OutboxReceiver Receiver { get; }

    /// <summary>Requests of the bot's traffic (escalations, replies, resolutions) the app refused or failed.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The bot's conversations escalated so far.</summary>
    public int Conversations => Volatile.Read(ref _conversations);

    /// <summary>Starts the receiver; the integration comes with the store (<see cref="CreateIntegrationAsync"/>).</summary>
    public static async Task<ChannelLoadOutbox> StartAsync(CancellationToken cancellationToken) =>
        new(await OutboxReceiver.StartAsync(cancellationToken));

    /// <summary>Creates the bot's integration with the receiver as its callback URL; the receiver learns the webhook secret.</summary>
    public async Task CreateIntegrationAsync(IDbContextFactory<AgentConsoleDbContext> store, CancellationToken cancellationToken)
    {
        var admin = new IntegrationAdmin(store, new IntegrationKeyStore(store, TimeProvider.System), TimeProvider.System);
        var created = await admin.CreateAsync(IntegrationName, Receiver.Url, new AgentConsole.Core.Audit.AuditActor("channel-load", "channel-load tool"), cancellationToken);
        _apiKey = created.ApiKey;
        Receiver.Secret = created.WebhookSecret ?? throw new InvalidOperationException("An integration with a callback URL has a webhook secret.");
    }

    /// <summary>A client of the bot API that sends the bot's key.</summary>
    public HttpClient BotClient(HttpMessageHandler handler, Uri baseAddress)
    {
        var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("X-Api-Key", _apiKey ?? throw new InvalidOperationException("Create the integration first."));
        return api;
    }

    /// <summary>Escalates <paramref name="count"/> new conversations, <paramref name="parallel"/> at a time; returns the cases they opened.</summary>
    public async Task<IReadOnlyList<long>> EscalateAsync(HttpClient api, int count, int parallel, CancellationToken cancellationToken)
    {
        var cases = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                if (await EscalateOneAsync(api, ct) is { } caseId) cases.Add(caseId);
            });
        return [.. cases];
    }

    /// <summary>Escalates one new conversation through the bot API; the case it opened, or null when refused.</summary>
    public async Task<long?> EscalateOneAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _conversations);
        var at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var body = $$"""{"channel":"web","events":[{"id":"e1","type":"customer.message","at":"{{at}}","text":"{{HumanRequests[n % HumanRequests.Length]}}"}]}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await api.PostAsync($"api/v1/conversations/bot-{_run}-{n}/events", content, cancellationToken);
            var caseId = response.IsSuccessStatusCode ? LoadToolText.EscalationId(await response.Content.ReadAsByteArrayAsync(cancellationToken)) : null;
            if (caseId is null) Interlocked.Increment(ref _refused);
            return caseId;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _refused);
            return null;
        }
    }

    /// <summary>The agent holding each of <paramref name="caseIds"/> that is assigned, read from the store (read-only).</summary>
    public static async Task<Dictionary<long, Guid>> HoldersAsync(string databasePath, IReadOnlyCollection<long> caseIds, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<long, Guid>();
        if (caseIds.Count == 0) return holders;
        await using var db = await OpenAsync(databasePath, cancellationToken);
        using var command = db.CreateCommand();
        command.CommandText = $"""SELECT "Id", "AssignedAgentId" FROM "Cases" WHERE "Status" = 'Assigned' AND "Id" IN ({string.Join(',', caseIds)})""";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) holders[reader.GetInt64(0)] = Guid.Parse(reader.GetString(1));
        return holders;
    }

    /// <summary>The holder of <paramref name="caseId"/> replies through the console API (an <c>agent.message</c> row).</summary>
    public async Task ReplyAsync(HttpClient http, string token, long caseId, int n, CancellationToken cancellationToken) =>
        await ConsoleAsync(http, token, $"api/v1/console/cases/{caseId}/reply", new { text = $"Thanks, I am looking into it now ({n})." }, cancellationToken);

    /// <summary>The holder of <paramref name="caseId"/> resolves it through the console API (a <c>case.resolved</c> row).</summary>
    public async Task ResolveAsync(HttpClient http, string token, long caseId, CancellationToken cancellationToken) =>
        await ConsoleAsync(http, token, $"api/v1/console/cases/{caseId}/resolve", new { note = "Answered; load test." }, cancellationToken);

    private async Task ConsoleAsync(HttpClient http, string token, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && Interlocked.Increment(ref _refused) == 1)
                Console.Error.WriteLine($"{path} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    /// <summary>
    /// The backlog: <paramref name="replies"/> replies spread over <paramref name="holders"/>' cases, sent
    /// <paramref name="parallel"/> at a time as fast as the app takes them, then every one of those cases
    /// resolved. Returns how long the writes took.
    /// </summary>
    public async Task<TimeSpan> BacklogAsync(HttpClient http, IReadOnlyDictionary<Guid, string> tokens, IReadOnlyDictionary<long, Guid> holders,
        int replies, int parallel, CancellationToken cancellationToken)
    {
        var cases = holders.Keys.Order().ToArray();
        var watch = Stopwatch.StartNew();
        if (cases.Length == 0) return watch.Elapsed;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, replies), options, async (n, ct) =>
        {
            var caseId = cases[n % cases.Length];
            await ReplyAsync(http, tokens[holders[caseId]], caseId, n, ct);
        });
        await Parallel.ForEachAsync(cases, options, async (caseId, ct) => await ResolveAsync(http, tokens[holders[caseId]], caseId, ct));
        return watch.Elapsed;
    }

    /// <summary>The load bot's outbox rows by state, and the highest row id of the whole outbox (read-only).</summary>
    public static async Task<(OutboxCounts Counts, long LastId)> CountAsync(LoadStore store, CancellationToken cancellationToken)
    {
        await using var db = await store.OpenReadOnlyAsync(cancellationToken);
        // The last id first: every row up to it was committed before the counts are read, so the counts cover it.
        using var last = db.CreateCommand();
        last.CommandText = """SELECT COALESCE(MAX("Id"), 0) FROM "OutboundEvents" """;
        var lastId = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT e."Type", COUNT(*), SUM(CASE WHEN e."DeliveredAt" IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN e."NextAttemptAt" IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN e."ParkedAt" IS NOT NULL THEN 1 ELSE 0 END)
            FROM "OutboundEvents" e JOIN "Integrations" i ON i."Id" = e."IntegrationId" WHERE i."Name" = @name GROUP BY e."Type"
            """;
        var name = command.CreateParameter();
        name.ParameterName = "name";
        name.Value = IntegrationName;
        command.Parameters.Add(name);
        var byType = new List<(string, int)>();
        int written = 0, delivered = 0, pending = 0, parked = 0;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // COUNT and SUM are bigint on PostgreSQL.
                int Count(int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
                byType.Add((reader.GetString(0), Count(1)));
                written += Count(1);
                delivered += Count(2);
                pending += Count(3);
                parked += Count(4);
            }
        }
        return (new OutboxCounts(written, delivered, pending, parked, [.. byType.OrderByDescending(t => t.Item2)]), lastId);
    }

    /// <summary>
    /// Waits until nothing of the bot's is pending and the receiver holds every row written, or <paramref name="wait"/> runs out;
    /// with the counts, the last row id they cover (the app goes on writing rows after it).
    /// </summary>
    public async Task<(OutboxCounts Counts, long LastId)> WaitDrainedAsync(LoadStore store, TimeSpan wait, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (counts, lastId) = await CountAsync(store, cancellationToken);
            if ((counts.Pending == 0 && Receiver.Delivered >= counts.Written) || watch.Elapsed > wait) return (counts, lastId);
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync(cancellationToken);
        return db;
    }

    public ValueTask DisposeAsync() => Receiver.DisposeAsync();
}
