using System.Globalization;
using AgentConsole.Core.Common;
using AgentConsole.Core.Triggers;
using AgentConsole.Core.Triggers.Classification;
using AgentConsole.Core.Triggers.Evaluation;

namespace AgentConsole.Cli;

/// <summary>
/// <c>evaluate --cross-domain [labelled.jsonl …]</c>: leave-one-industry-out validation of the
/// triggers on the project's own labelled utterances (<see cref="CrossDomainEvaluation"/>), then
/// each labelled file given, held out, with the industry named by its file name. Prints one row per
/// industry, the mean over the project's industries and the spread around it.
/// </summary>
public static class CrossDomainCommand
{
    /// <summary>How far from the mean an industry may fall, in points of accuracy or F1, before the table flags it.</summary>
    public const double AllowedSpread = 0.10;

    public static Task<int> RunAsync(string[] files, TextWriter stdout, TextWriter stderr, TriggerOptions options, TimeProvider? time = null,
        ITextEmbedder? embedder = null, IReadOnlyList<CategoryExample>? general = null, IReadOnlyList<LabelledUtterance>? industries = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(files, stdout, stderr, [("configured", options)], time, embedder, general, industries, cancellationToken: cancellationToken);

    /// <summary>Scores each of <paramref name="variants"/> (a label and its options), printing a table for each.</summary>
    public static async Task<int> RunAsync(string[] files, TextWriter stdout, TextWriter stderr, IReadOnlyList<(string Label, TriggerOptions Options)> variants, TimeProvider? time = null,
        ITextEmbedder? embedder = null, IReadOnlyList<CategoryExample>? general = null, IReadOnlyList<LabelledUtterance>? industries = null,
        bool misses = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var heldOut = new List<LabelledUtterance>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                await stderr.WriteLineAsync($"evaluate: no such file: {file}");
                return 2;
            }
            try
            {
                await using var stream = File.OpenRead(file);
                heldOut.AddRange(LabelledUtterances.Parse(stream, Path.GetFileNameWithoutExtension(file)));
            }
            catch (FormatException e)
            {
                await stderr.WriteLineAsync($"evaluate: {e.Message}");
                return 2;
            }
        }

        using var ownEmbedder = embedder is null ? new MiniLmEmbedder() : null;
        var scores = CrossDomainEvaluation.Sweep(embedder ?? ownEmbedder!, [.. variants.Select(v => v.Options)], general ?? CategoryExamples.LoadGeneral(),
            industries ?? LabelledUtterances.BuiltIn, heldOut, (time ?? TimeProvider.System).UtcNowDateTime(), name => stderr.WriteLine($"scoring {name}"), cancellationToken);
        for (var v = 0; v < variants.Count; v++)
        {
            if (variants.Count > 1) await stdout.WriteLineAsync($"## {variants[v].Label}");
            await stdout.WriteAsync(Table(scores[v]));
            if (misses) await stdout.WriteAsync(Misses(scores[v]));
            if (variants.Count > 1) await stdout.WriteLineAsync();
        }
        await stdout.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>The table the command prints.</summary>
    public static string Table(IReadOnlyList<DomainScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("Leave-one-industry-out: each industry is judged by a classifier that never saw its examples; held-out sets by one that learned from all of them.");
        writer.WriteLine();
        writer.WriteLine($"{"industry",-16} {"n",5}  {"category",8}  {"escalate P/R/F1",17}  {"person R/P",11}  {"security R/P",12}  {"frustr. F1",10}");
        foreach (var s in scores.Where(s => !s.HeldOut)) writer.WriteLine(Row(s));
        var own = scores.Where(s => !s.HeldOut).ToList();
        if (own.Count > 0)
        {
            var category = own.Average(s => s.CategoryAccuracy);
            var escalate = own.Average(s => s.Escalate.F1);
            writer.WriteLine($"{"mean",-16} {own.Sum(s => s.Utterances),5}  {F(category),8}  {"F1 " + F(escalate),17}  {F(own.Average(s => s.PersonRequest.Recall)) + "/" + F(own.Average(s => s.PersonRequest.Precision)),11}  {F(own.Average(s => s.Security.Recall)) + "/" + F(own.Average(s => s.Security.Precision)),12}  {F(own.Average(s => s.Frustration.F1)),10}");
            var outliers = own.Where(s => Math.Abs(s.CategoryAccuracy - category) > AllowedSpread || Math.Abs(s.Escalate.F1 - escalate) > AllowedSpread).Select(s => s.Industry).ToList();
            writer.WriteLine(outliers.Count == 0
                ? $"every industry is within {AllowedSpread * 100:0} points of the mean on category accuracy and escalate F1"
                : $"more than {AllowedSpread * 100:0} points from the mean: {string.Join(", ", outliers)}");
        }
        var held = scores.Where(s => s.HeldOut).ToList();
        if (held.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("held out (never learned from):");
            foreach (var s in held) writer.WriteLine(Row(s));
        }
        return writer.ToString();
    }

    /// <summary>The project's own utterances each trigger judged wrongly, by industry: "+" a label missed, "-" a false alarm.</summary>
    public static string Misses(IReadOnlyList<DomainScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var s in scores.Where(s => !s.HeldOut && s.Misses.Count > 0))
        {
            writer.WriteLine();
            writer.WriteLine($"{s.Industry}: judged wrongly (+ missed, - false alarm)");
            foreach (var miss in s.Misses.OrderBy(m => m.Trigger, StringComparer.Ordinal).ThenBy(m => m.Labelled))
                writer.WriteLine($"  {miss.Trigger,-11} {(miss.Labelled ? '+' : '-')} {miss.Text}{(miss.Why.Length == 0 ? "" : $"\n                {miss.Why}")}");
        }
        return writer.ToString();
    }

    private static string Row(DomainScore s) =>
        $"{s.Industry,-16} {s.Utterances,5}  {F(s.CategoryAccuracy),8}  {F(s.Escalate.Precision) + "/" + F(s.Escalate.Recall) + "/" + F(s.Escalate.F1),17}  " +
        $"{F(s.PersonRequest.Recall) + "/" + F(s.PersonRequest.Precision),11}  {F(s.Security.Recall) + "/" + F(s.Security.Precision),12}  {F(s.Frustration.F1),10}";

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);
}
