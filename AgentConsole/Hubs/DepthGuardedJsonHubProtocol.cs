using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace AgentConsole.Hubs;

/// <summary>
/// SignalR's JSON hub protocol, with one refusal of its own. The framework's protocol reads a message
/// with System.Text.Json's default depth limit (<see cref="FrameworkMaxDepth"/>); a client invocation
/// whose arguments nest deeper made it throw, and the framework closed the client's connection. Every
/// message goes to the framework's protocol as it is; when it cannot read one, this protocol measures
/// that message's depth (a reader with no practical limit: the message is bounded by the hub's receive
/// size) and answers an invocation nested too deep as a failed binding, so the caller gets an error for
/// that call, like any argument of the wrong shape, and keeps its connection. Any other unreadable
/// message is the framework's error, unchanged.
/// </summary>
public sealed class DepthGuardedJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    /// <summary>The depth the framework's protocol reads to.</summary>
    public const int FrameworkMaxDepth = 64;

    private const byte RecordSeparator = 0x1e;
    private const int InvocationType = 1;
    private const int StreamInvocationType = 4;

    private readonly JsonHubProtocol _inner = new(options);

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <inheritdoc />
    public int Version => _inner.Version;

    /// <inheritdoc />
    public TransferFormat TransferFormat => _inner.TransferFormat;

    /// <inheritdoc />
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    /// <inheritdoc />
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    /// <inheritdoc />
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    /// <inheritdoc />
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        // Only a message the framework cannot read is measured, so a well-formed one is read once, not twice.
        var unread = input;
        try
        {
            return _inner.TryParseMessage(ref input, binder, out message);
        }
        catch (InvalidDataException)
        {
            if (unread.PositionOf(RecordSeparator) is not { } end || TooDeepInvocation(unread.Slice(0, end)) is not { } refused) throw;
            input = unread.Slice(unread.GetPosition(1, end));
            message = refused;
            return true;
        }
    }

    /// <summary>
    /// For an invocation nested deeper than the framework reads, its refusal; null for anything else,
    /// including a frame that is not JSON at all (the framework's protocol reports that itself).
    /// </summary>
    internal static InvocationBindingFailureMessage? TooDeepInvocation(ReadOnlySequence<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = (int)Math.Min(int.MaxValue, frame.Length + 1) });
        int? type = null;
        string? invocationId = null, target = null;
        var deepest = 0;
        try
        {
            while (reader.Read())
            {
                deepest = Math.Max(deepest, reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0));
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName) continue;
                var name = reader.GetString();
                if (!reader.Read()) return null;
                deepest = Math.Max(deepest, reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0));
                switch (name)
                {
                    case "type" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var t): type = t; break;
                    case "invocationId" when reader.TokenType == JsonTokenType.String: invocationId = reader.GetString(); break;
                    case "target" when reader.TokenType == JsonTokenType.String: target = reader.GetString(); break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        if (deepest <= FrameworkMaxDepth || type is not (InvocationType or StreamInvocationType) || target is null) return null;
        var error = new InvalidDataException($"The message nests deeper than {FrameworkMaxDepth} levels.");
        return new InvocationBindingFailureMessage(invocationId, target, ExceptionDispatchInfo.Capture(error));
    }
}

/// <summary>Puts <see cref="DepthGuardedJsonHubProtocol"/> in the place of SignalR's JSON protocol.</summary>
public static class DepthGuardedJsonHubProtocolServices
{
    /// <summary>
    /// Replaces every registration of the framework's JSON hub protocol with the guarded one. Call after
    /// everything that registers SignalR (Blazor's server components do too), or the framework's comes back.
    /// </summary>
    public static IServiceCollection GuardJsonHubProtocol(this IServiceCollection services)
    {
        foreach (var json in services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol)).ToList())
            services.Remove(json);
        services.AddSingleton<IHubProtocol, DepthGuardedJsonHubProtocol>();
        return services;
    }
}
