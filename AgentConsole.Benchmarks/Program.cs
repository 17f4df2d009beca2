using AgentConsole.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project AgentConsole.Benchmarks -- --filter '*'
// dotnet run -c Release --project AgentConsole.Benchmarks -- --filter '*RoutingBenchmarks*'
// dotnet run -c Release --project AgentConsole.Benchmarks -- routing-latency [decisions per operation]
if (args is ["routing-latency", .. var rest]) return RoutingLatency.Run(rest);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
