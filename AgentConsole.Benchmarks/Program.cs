using BenchmarkDotNet.Running;

// dotnet run -c Release --project AgentConsole.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
