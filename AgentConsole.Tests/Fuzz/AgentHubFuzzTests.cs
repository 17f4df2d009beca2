using System.Text.Json;
using System.Text.Json.Nodes;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Tests.Integration.Hub;
using CsCheck;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// The agents' hub methods called by a real SignalR client on a loopback port with arguments
/// generated valid and then mutated: another type, null, boundary numbers, unicode and control
/// characters, long strings, deep nesting, too few or too many arguments, and methods that do not
/// exist. Every call completes or fails with a <see cref="HubException"/>; the connection is never
/// dropped, so a good call on it works after each bad one; and a refused call stores nothing.
/// </summary>
[Trait("Category", FuzzRun.Category)]
public sealed class AgentHubFuzzTests(ITestOutputHelper output) : HubTestBase
{
    private const int CiIterations = 300;

    /// <summary>
    /// SignalR's default limit on one message a client sends (32 KB): a client that sends more is
    /// disconnected by the framework by design, so arguments stay under it.
    /// </summary>
    private const int MaxArgumentChars = 8_000;

    /// <summary>
    /// Deeper than SignalR's JSON protocol reads (64): the app's protocol refuses such a call as a failed
    /// binding (<c>DepthGuardedJsonHubProtocol</c>) instead of letting the framework close the connection.
    /// Bounded by the client's own writer, which stops at 1,000 levels.
    /// </summary>
    private const int MaxArgumentDepth = 900;

    private static readonly JsonSerializerOptions DeepJson = new() { MaxDepth = 4_096 };

    [Fact]
    public async Task HubMethodsCompleteOrRefuseWithHubExceptionAndKeepTheConnection()
    {
        // Arrange: Marcus (a lead and a specialist) connected, with a client that writes arguments nested as deep as they come.
        var token = await TokenAsync(Marcus);
        var connection = await ConnectAsync(token);
        var cases = (await Engine.SnapshotAsync()).Cases.Select(c => c.Id).ToArray();
        using var property = new FuzzProperty(Factory);

        var text = ValidRequests.Text.Select(t => (JsonNode?)t);
        var gen =
            from method in Gen.Frequency((4, Gen.Const("SetPresence")), (3, Gen.Const("AcceptOffer")), (3, Gen.Const("DeclineOffer")),
                (1, Gen.OneOf("setpresence", "Nope", "OnConnectedAsync", "Dispose", "SetPresence\0", "😀")))
            from presence in Gen.OneOf("Available", "Busy", "Away", "InMeeting", "Offline", "available")
            from caseId in cases.Length > 0 ? Gen.OneOf(cases) : Gen.Long
            from reason in text
            let valid = method switch
            {
                "SetPresence" => new JsonNode?[] { presence },
                "AcceptOffer" => [caseId],
                "DeclineOffer" => [caseId, reason],
                _ => [],
            }
            from mutated in Gen.Int[0, 9]
            from args in mutated == 0 ? Gen.Const(0).Select(_ => valid.Select(a => a?.DeepClone()).ToArray()) : Mutate(valid)
            select (Method: method, Args: args, Valid: mutated == 0 && valid.Length > 0);

        var tally = await FuzzRun.CheckAsync(output, "agent hub", CiIterations, gen,
            async c =>
            {
                var outcome = await CallAsync(connection, property, c.Method, c.Args, c.Valid);
                // A dropped connection is reported once; the next case gets a new one.
                if (connection.State != HubConnectionState.Connected)
                {
                    await connection.DisposeAsync();
                    connection = await ConnectAsync(token);
                }
                return outcome;
            },
            c => $"{c.Method}({string.Join(", ", c.Args.Select(Print))})");

        await connection.DisposeAsync();

        // Accepting an offer made to someone else is refused; setting one's presence is not.
        tally.AssertValidCasesAccepted(share: 0.2);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(900)]
    public async Task ACallNestedDeeperThanTheProtocolReadsIsRefusedAndTheConnectionStays(int depth)
    {
        var connection = await ConnectAsync(await TokenAsync(Marcus));
        var deep = Parse(new string('[', depth) + "1" + new string(']', depth));

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync("SetPresence", typeof(JsonElement), [deep]));

        Assert.Contains("Failed to invoke 'SetPresence'", refused.Message);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        await connection.InvokeAsync("SetPresence", "Available");
        await connection.DisposeAsync();
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/agents"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.MaxDepth = DeepJson.MaxDepth)
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<FuzzOutcome> CallAsync(HubConnection connection, FuzzProperty property, string method, JsonNode?[] args, bool valid)
    {
        var before = await property.SettledChecksumAsync();
        bool accepted;
        var refusal = "";
        try
        {
            await connection.InvokeCoreAsync(method, typeof(JsonElement), args.Cast<object?>().ToArray());
            accepted = true;
        }
        catch (HubException e)
        {
            (accepted, refusal) = (false, e.Message);
        }
        catch (Exception e)
        {
            return FuzzOutcome.Failed($"the call failed with {e.GetType().Name}, not a HubException: {e.Message} (connection {connection.State})");
        }
        var after = await property.SettledChecksumAsync();
        if (!accepted && before != after) return new FuzzOutcome(false, valid, "a refused call changed the store");

        // The connection still works: a good call on it completes.
        try { await connection.InvokeAsync("SetPresence", "Available"); }
        catch (Exception e) { return new FuzzOutcome(accepted, valid, $"a good call after it failed: {e.GetType().Name}: {e.Message} (connection {connection.State}; the call was refused with \"{refusal}\")"); }
        return new FuzzOutcome(accepted, valid, null);
    }

    /// <summary>The arguments with one replaced, one dropped, or one too many.</summary>
    private static Gen<JsonNode?[]> Mutate(JsonNode?[] valid) =>
        Gen.Frequency(
            (6, valid.Length == 0 ? AnyArgument.Array[0, 3] : Gen.Int[0, valid.Length - 1].SelectMany(i => AnyArgument.Select(value =>
            {
                var args = valid.Select(a => a?.DeepClone()).ToArray();
                args[i] = value;
                return args;
            }))),
            (1, Gen.Const(0).Select(_ => valid.Length == 0 ? [] : valid[..^1].Select(a => a?.DeepClone()).ToArray())),
            (1, AnyArgument.Select(extra => valid.Select(a => a?.DeepClone()).Append(extra).ToArray())));

    private static readonly Gen<JsonNode?> AnyArgument = Gen.Frequency(
        (2, Gen.OneOf(JsonMutations.BoundaryNumbers).Select(n => Parse(n))),
        (3, Gen.OneOf(JsonMutations.NastyStrings).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf("null", "true", "[]", "{}", "[1,\"two\"]", "{\"caseId\":1}", "\"\"", "-1", "0").Select(Parse)),
        (1, Gen.Int[1, MaxArgumentChars].Select(n => (JsonNode?)new string('x', n))),
        (1, Gen.Int[1, MaxArgumentDepth].Select(depth => Parse(new string('[', depth) + "1" + new string(']', depth)))),
        (2, Gen.String[Gen.Char, 0, 30].Select(s => (JsonNode?)JsonValue.Create(s))));

    private static string Print(JsonNode? argument) => argument?.ToJsonString(DeepJson) ?? "null";

    private static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = DeepJson.MaxDepth });
}
