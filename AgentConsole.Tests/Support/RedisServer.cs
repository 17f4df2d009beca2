namespace AgentConsole.Tests.Support;

/// <summary>The Redis server of the backplane tests (<see cref="LocalServer"/>): <c>AGENTCONSOLE_TEST_REDIS</c> (host:port), else one started with <c>tools/redis.sh</c>.</summary>
internal static class RedisServer
{
    public static readonly LocalServer Server = new("Redis", "AGENTCONSOLE_TEST_REDIS", "redis.sh", "/usr/bin/redis-server", "redis-server");
}
