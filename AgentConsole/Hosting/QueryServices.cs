using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Conversations;
using AgentConsole.Core.Data;
using AgentConsole.Core.Handoff;
using AgentConsole.Core.Metrics;
using AgentConsole.Core.Routing;
using AgentConsole.Core.Triggers;

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentConsole.Hosting;

/// <summary>
/// Registers the Core read services the pages and endpoints get their data from: no component or
/// endpoint opens the store itself, and a component test replaces any of these with its own.
/// </summary>
public static class QueryServices
{
    public static IServiceCollection AddConsoleQueries(this IServiceCollection services)
    {
        services.AddSingleton<CaseDetailsQuery>();
        services.AddSingleton<ContextUseRecorder>();
        services.AddSingleton<CaseUpdatesQuery>();
        services.AddSingleton<AwaitingReplyQuery>();
        services.AddSingleton<DeskCountsQuery>();
        services.AddSingleton<CategoryExampleQuery>();
        services.AddSingleton<RoutingExplanationQuery>();
        services.AddSingleton<AgentTeamQuery>();
        // The case page's account owner, and the APIs that set it.
        services.AddSingleton<AccountOwners>();
        services.AddSingleton<StoreHealth>();
        // The case page's typing, both ways, between the console and the chat widget.
        services.TryAddSingleton<ChatSignals>();
        services.TryAddSingleton<CaseConversations>();
        services.AddSingleton<DeskTyping>();
        return services;
    }
}
