using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// Runs a fuzz property over generated cases, one after another against one running app. Every
/// case has a seed of its own, derived from the run's fixed seed, so a failure names the one case
/// to replay. The environment variables:
/// <list type="bullet">
/// <item><c>AGENTCONSOLE_FUZZ_ITERATIONS</c>: cases per property (default: the property's CI count);</item>
/// <item><c>AGENTCONSOLE_FUZZ_SEED</c>: the run's seed (default 20261205), a number;</item>
/// <item><c>AGENTCONSOLE_FUZZ_REPLAY</c>: a failing case's seed, as printed, to run that case alone.</item>
/// </list>
/// </summary>
public static class FuzzRun
{
    /// <summary>The seed CI runs with.</summary>
    public const ulong DefaultSeed = 20261205;

    /// <summary>The trait every fuzz property carries: <c>dotnet test --filter Category=Fuzz</c>.</summary>
    public const string Category = "Fuzz";

    /// <summary>Cases per property: the environment's count, or <paramref name="ciIterations"/>.</summary>
    public static int Iterations(int ciIterations) =>
        int.TryParse(Environment.GetEnvironmentVariable("AGENTCONSOLE_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : ciIterations;

    /// <summary>The seeds of the cases to run: the replayed one alone, or one per iteration from the run's seed.</summary>
    public static IEnumerable<string> Seeds(int ciIterations)
    {
        if (Environment.GetEnvironmentVariable("AGENTCONSOLE_FUZZ_REPLAY") is { Length: > 0 } replay)
        {
            yield return replay;
            yield break;
        }
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("AGENTCONSOLE_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var master = new PCG(1, seed);
        for (var i = Iterations(ciIterations); i > 0; i--) yield return new PCG(1, master.Next64()).ToString();
    }

    /// <summary>
    /// Generates each case from its seed and checks it with <paramref name="property"/>, which
    /// returns a failure message or null. Every failure is collected with its seed and the case;
    /// the run fails at the end listing them, so one run shows every defect it found.
    /// </summary>
    public static async Task<FuzzTally> CheckAsync<T>(ITestOutputHelper output, string name, int ciIterations, Gen<T> gen,
        Func<T, Task<FuzzOutcome>> property, Func<T, string> describe)
    {
        var tally = new FuzzTally();
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        foreach (var seed in Seeds(ciIterations))
        {
            var value = gen.Generate(PCG.Parse(seed), null, out _);
            FuzzOutcome outcome;
            try { outcome = await property(value); }
            catch (Exception e) { outcome = FuzzOutcome.Failed($"{e.GetType().Name}: {e.Message}"); }
            tally.Add(outcome);
            if (outcome.Failure is { } failure && failures.Count < 50)
                failures.Add($"seed {seed}: {failure}\n    case: {Clip(describe(value))}");
        }
        output.WriteLine($"{name}: {tally} in {watch.Elapsed.TotalSeconds:0.0} s (replay a case with AGENTCONSOLE_FUZZ_REPLAY=<seed>)");
        if (failures.Count > 0)
            throw new Xunit.Sdk.XunitException($"{name}: {tally.Failed} of {tally.Cases} cases failed; replay one with AGENTCONSOLE_FUZZ_REPLAY=<seed>.\n" +
                string.Join('\n', failures));
        return tally;
    }

    private static string Clip(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";
}

/// <summary>What one fuzz case came to.</summary>
/// <param name="Accepted">The app answered 2xx.</param>
/// <param name="Valid">The case was a valid request, not mutated.</param>
/// <param name="Failure">Why the property does not hold for the case, or null.</param>
public sealed record FuzzOutcome(bool Accepted, bool Valid, string? Failure)
{
    public static FuzzOutcome Failed(string failure) => new(false, false, failure);
}

/// <summary>Counts of a run's cases: valid ones accepted, mutated ones accepted or refused, failures.</summary>
public sealed class FuzzTally
{
    public int Cases { get; private set; }
    public int Valid { get; private set; }
    public int ValidAccepted { get; private set; }
    public int MutatedAccepted { get; private set; }
    public int Refused { get; private set; }
    public int Failed { get; private set; }

    public void Add(FuzzOutcome outcome)
    {
        Cases++;
        if (outcome.Failure is not null) Failed++;
        else if (outcome.Valid) { Valid++; if (outcome.Accepted) ValidAccepted++; else Refused++; }
        else if (outcome.Accepted) MutatedAccepted++;
        else Refused++;
    }

    /// <summary>
    /// Fails unless at least <paramref name="share"/> of the valid cases were accepted and some were
    /// generated at all: a property that passes by refusing everything proves nothing.
    /// </summary>
    public void AssertValidCasesAccepted(double share = 0.9)
    {
        Assert.True(Valid > 0, $"No valid case was generated: {this}");
        Assert.True(ValidAccepted >= share * Valid, $"Too few valid cases accepted: {this}");
    }

    public override string ToString() =>
        $"{Cases} cases: {ValidAccepted} of {Valid} valid accepted, {MutatedAccepted} mutated accepted, {Refused} refused, {Failed} failed";
}
