using AgentConsole.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project AgentConsole.Benchmarks -- --filter '*'
// dotnet run -c Release --project AgentConsole.Benchmarks -- --filter '*RoutingBenchmarks*'
// dotnet run -c Release --project AgentConsole.Benchmarks -- routing-latency [decisions per operation]
// dotnet run -c Release --project AgentConsole.Benchmarks -- escalation-load [--agents 200] [--rate 100] [--escalations 300] [--seconds 60] [--nodes 3 --store postgres] (--help for all)
// dotnet run -c Release --project AgentConsole.Benchmarks -- console-load [--consoles 50] [--baseline 30] [--offers 120] [--rate 2]
// dotnet run -c Release --project AgentConsole.Benchmarks -- dashboard [--cases 100000,1000000] [--loads 20] [--seed 1]
// dotnet run -c Release --project AgentConsole.Benchmarks -- routing-context [--cases 100000]
// dotnet run -c Release --project AgentConsole.Benchmarks -- staffing-sim [--cases 5000] [--agents 12] [--runs 5] [--seed 1]
// dotnet run -c Release --project AgentConsole.Benchmarks -- chaos [--short] [--kills 200] [--rate 1000] (--help for all)
// dotnet run -c Release --project AgentConsole.Benchmarks -- channel-load [--quick] [--customers 2000] [--agents 200] [--rate 100] [--humans 200] [--seconds 30] [--bots 100] [--backlog 2000] (--help for all)
if (args is ["routing-latency", .. var rest]) return RoutingLatency.Run(rest);
if (args is ["escalation-load", .. var load]) return await EscalationLoad.RunAsync(load);
if (args is ["console-load", .. var consoles]) return await ConsoleLoad.RunAsync(consoles);
if (args is ["channel-load", .. var channel]) return await ChannelLoad.RunAsync(channel);
if (args is ["chaos", .. var chaos]) return await Chaos.RunAsync(chaos);
if (args is ["dashboard", .. var dashboard]) return await DashboardLoad.RunAsync(dashboard);
if (args is ["routing-context", .. var timing]) return await RoutingContextTiming.RunAsync(timing);
if (args is ["staffing-sim", .. var staffing]) return StaffingSimulationSpeed.Run(staffing);
// The MiniLM package brings an ONNX Runtime assembly built without optimizations; it is not ours to
// rebuild, and BenchmarkDotNet would otherwise refuse to run any benchmark in this assembly.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
return 0;
