using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentConsole.Api.Contracts;
using AgentConsole.Core.Common;
using AgentConsole.Core.Conversations.Ingestion;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Evaluation;
using AgentConsole.Hosting;

namespace AgentConsole.Cli;

/// <summary>
/// <c>dotnet run --project AgentConsole -- evaluate &lt;file.jsonl&gt; [--output results.jsonl]</c>:
/// runs the triggers over one JSON object per line and writes one result per line, in order, to
/// stdout (nothing else goes there) or to the <c>--output</c> file, with a progress count on stderr. It reads the same configuration as the app, and touches no database and starts no
/// web server, so a supervisor can test the triggers on their own data.
/// </summary>
public static class EvaluateCommand
{
    private const int ChunkSize = 64;

    private static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="embedder">The sentence embedder; by default the command loads the MiniLM model for its own use.</param>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider? time = null,
        ITextEmbedder? embedder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--cross-domain", .. var rest])
        {
            // --vary Section:Key=a,b,c scores each value in turn, sharing each fold's classifier.
            // --misses lists the project's own utterances each trigger judged wrongly (never a held-out file's).
            var misses = rest is ["--misses", ..];
            if (misses) rest = rest[1..];
            var vary = rest is ["--vary", var setting, ..] ? setting : null;
            var labelled = vary is null ? rest : rest[2..];
            var variants = new List<(string Label, TriggerOptions Options)>();
            foreach (var (label, overrides) in Variants(vary))
            {
                var (options, _) = LoadOptions(stderr, overrides);
                if (options is null) return 2;
                variants.Add((label, options));
            }
            if (variants.Count == 0)
            {
                await stderr.WriteLineAsync("evaluate: --vary takes Section:Key=value1,value2,… (for example Triggers:Sentiment:FrustrationThreshold=0.4,0.45,0.5)");
                return 2;
            }
            return await CrossDomainCommand.RunAsync(labelled, stdout, stderr, variants, time, embedder, misses: misses, cancellationToken: cancellationToken);
        }
        (string? source, string? output) = args switch
        {
            [var file] => (file, null),
            [var file, "--output", var target] => (file, target),
            ["--output", var target, var file] => (file, target),
            _ => (null, null),
        };
        if (source is null || output is "" or "-")
        {
            await stderr.WriteLineAsync("usage: evaluate <file.jsonl> [--output results.jsonl]   (use - to read standard input; results go to standard output unless --output names a file)");
            await stderr.WriteLineAsync("       evaluate --cross-domain [--misses] [--vary Section:Key=a,b] [labelled.jsonl ...]   (leave-one-industry-out table of the project's own examples, then each labelled file held out)");
            return 2;
        }
        if (source != "-" && !File.Exists(source))
        {
            await stderr.WriteLineAsync($"evaluate: no such file: {source}");
            return 2;
        }
        if (output is not null && Path.GetDirectoryName(Path.GetFullPath(output)) is { } folder && !Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"evaluate: no such folder for the output: {folder}");
            return 2;
        }
        if (output is null) return await EvaluateAsync(source, stdin, stdout, stderr, time, embedder, cancellationToken);
        await using var results = new StreamWriter(output, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return await EvaluateAsync(source, stdin, results, stderr, time, embedder, cancellationToken);
    }

    private static async Task<int> EvaluateAsync(string source, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider? time,
        ITextEmbedder? embedder, CancellationToken cancellationToken)
    {

        var (triggerOptions, ingestionOptions) = LoadOptions(stderr);
        if (triggerOptions is null) return 2;
        using var ownEmbedder = embedder is null ? new MiniLmEmbedder() : null;
        // The project's own labelled examples; the command reads no database.
        var classifier = EmbeddingIssueClassifier.CreateDefault(embedder ?? ownEmbedder!);
        var engine = new TriggerEngine(classifier, () => triggerOptions);
        var now = (time ?? TimeProvider.System).UtcNowDateTime();

        using var reader = source == "-" ? null : new StreamReader(source);
        var input = reader ?? stdin;
        int lines = 0, failed = 0;
        var chunk = new List<string>(ChunkSize);
        while (true)
        {
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is not null && string.IsNullOrWhiteSpace(line)) continue;
            if (line is not null) chunk.Add(line);
            if (chunk.Count == ChunkSize || line is null && chunk.Count > 0)
            {
                failed += await EvaluateChunkAsync(chunk, engine, ingestionOptions, now, stdout, cancellationToken);
                lines += chunk.Count;
                chunk.Clear();
                await stderr.WriteLineAsync($"evaluated {lines} lines");
            }
            if (line is null) break;
        }
        await stdout.FlushAsync(cancellationToken);
        await stderr.WriteLineAsync($"done: {lines} lines, {failed} invalid");
        return 0;
    }

    private static async Task<int> EvaluateChunkAsync(List<string> lines, TriggerEngine engine, IngestionOptions limits, DateTime now, TextWriter stdout, CancellationToken cancellationToken)
    {
        var parsed = lines.Select(line => Parse(line, limits, now)).ToList();
        // One classifier batch for the whole chunk: the encoder is far faster on batches.
        var classified = engine.Classify(parsed.Where(p => p.Input is not null).SelectMany(p => p.Input!.Transcript), cancellationToken);
        var failed = 0;
        foreach (var (input, error, id) in parsed)
        {
            if (input is null)
            {
                failed++;
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { id, error }, Output));
                continue;
            }
            var state = new TriggerState();
            engine.Apply(state, input.Transcript, classified, cancellationToken);
            var decision = engine.Decide(state, input.Customer, now);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(EvaluationOutput.From(input.Id, decision), Output));
        }
        return failed;
    }

    private static (EvaluationInput? Input, string? Error, string? Id) Parse(string line, IngestionOptions limits, DateTime now)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);
        var read = ContractReader.Read<EvaluationRequest>(utf8);
        if (read.NotJson is { } notJson) return (null, $"not valid JSON: {notJson.Message}", null);
        if (read.Value is { } request) EvaluationValidator.Validate(request, limits, now, read.Errors);
        if (!read.Errors.Any) return (read.Value!.ToInput(now), null, read.Value.Id);
        return (null, string.Join("; ", read.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), read.Value?.Id);
    }

    // The settings to score: the configured ones, or one variant per value of the --vary setting.
    private static IEnumerable<(string Label, IReadOnlyDictionary<string, string?>? Overrides)> Variants(string? vary)
    {
        if (vary is null)
        {
            yield return ("configured", null);
            yield break;
        }
        var split = vary.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0) yield break;
        var key = vary[..split];
        foreach (var value in vary[(split + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return ($"{key}={value}", new Dictionary<string, string?> { [key] = value });
    }

    private static (TriggerOptions?, IngestionOptions) LoadOptions(TextWriter stderr, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var root = RootConfiguration.Locate();
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(root, $"appsettings.{environment}.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var triggers = configuration.GetSection(TriggerOptions.Section).Get<TriggerOptions>() ?? new TriggerOptions();
        var ingestion = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>() ?? new IngestionOptions();
        var problems = new TriggerOptionsValidator().Validate(TriggerOptions.Section, triggers);
        if (problems.Failed)
        {
            foreach (var problem in problems.Failures) stderr.WriteLine($"evaluate: configuration: {problem}");
            return (null, ingestion);
        }
        TriggerVocabulary.FillUnsetLists(triggers);
        return (triggers, ingestion);
    }
}
