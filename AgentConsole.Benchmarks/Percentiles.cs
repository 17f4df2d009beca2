namespace AgentConsole.Benchmarks;

/// <summary>Nearest-rank percentiles, as every load tool prints them.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="p"/> percentile (0 to 1) of <paramref name="values"/>; NaN for none.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>p50, p90, p99 and max, right-aligned in columns of eight.</summary>
    public static string Row(IEnumerable<double> values)
    {
        var list = values as IReadOnlyCollection<double> ?? values.ToList();
        return $"{Of(list, 0.50),8:0.0} {Of(list, 0.90),8:0.0} {Of(list, 0.99),8:0.0} {Of(list, 1),8:0.0}";
    }
}
