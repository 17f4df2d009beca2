using AgentConsole.Core.Audit;

namespace AgentConsole.Tests.Support;

/// <summary>Who acts in tests of admin actions, as the audit log records them.</summary>
public static class TestActors
{
    /// <summary>An admin with a fixed login id.</summary>
    public static readonly AuditActor Admin = new("test-admin-id", "admin@agentconsole.test");

    /// <summary>An actor whose login id and name are both <paramref name="name"/>.</summary>
    public static AuditActor Named(string name) => new(name, name);
}
