using System.Text;

namespace AgentConsole.Tests.Fuzz;

/// <summary>A request body as the fuzzer sends it: the bytes, the Content-Type (null for none) and what was done to it.</summary>
/// <param name="Mutation">The mutation applied, or <c>valid</c> for the request as generated.</param>
public sealed record FuzzBody(byte[] Bytes, string? ContentType, string Mutation)
{
    public const string Json = "application/json";

    /// <summary>The request as generated, not mutated.</summary>
    public bool IsValid => Mutation == "valid";

    public static FuzzBody Of(string json, string mutation, string? contentType = Json) => new(Encoding.UTF8.GetBytes(json), contentType, mutation);

    /// <summary>The body as text, for a failure's report (invalid UTF-8 shows as replacement characters).</summary>
    public override string ToString() => $"[{Mutation}] {ContentType ?? "(no content type)"} {Encoding.UTF8.GetString(Bytes)}";
}
