using AgentConsole.Cli;
using AgentConsole.Hosting;

if (args is ["evaluate", ..])
    return await EvaluateCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
if (args is ["backup", ..])
    return await BackupCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args is ["seed-history", ..])
    return await SeedHistoryCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args is ["staffing", ..])
    return await StaffingCommand.RunAsync(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(DefaultEnvironment.Apply(args));
builder.AddAgentConsoleServices();

var app = builder.Build();
await app.InitializeAsync();
app.MapAgentConsole();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that integration tests can host it.</summary>
public partial class Program;
