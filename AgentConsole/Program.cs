using AgentConsole.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAgentConsoleServices();

var app = builder.Build();
await app.InitializeAsync();
app.MapAgentConsole();
app.Run();

/// <summary>The entry point; public so that integration tests can host it.</summary>
public partial class Program;
