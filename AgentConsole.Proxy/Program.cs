// The documented front end of a cluster of AgentConsole nodes: YARP, from its own appsettings.json
// (the ReverseProxy section). A Blazor Server circuit lives in one node's memory, so every request
// of a browser must reach the node that holds its circuit: session affinity pins a browser to a
// node with a cookie, and when that node fails its health check the browser moves to a live one
// (and its console reconnects there). The nodes' addresses are settings:
// ReverseProxy:Clusters:nodes:Destinations:<name>:Address, or --nodes=http://a,http://b,... .

var builder = WebApplication.CreateBuilder(args);
var proxy = builder.Configuration.GetSection("ReverseProxy");
if (builder.Configuration["nodes"] is { Length: > 0 } nodes)
{
    // --nodes replaces the destinations of the shipped configuration.
    var destinations = nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var overrides = new Dictionary<string, string?>();
    foreach (var key in proxy.GetSection("Clusters:nodes:Destinations").GetChildren().Select(c => c.Key))
        overrides[$"ReverseProxy:Clusters:nodes:Destinations:{key}:Address"] = null;
    for (var i = 0; i < destinations.Length; i++)
        overrides[$"ReverseProxy:Clusters:nodes:Destinations:node{i + 1}:Address"] = destinations[i];
    builder.Configuration.AddInMemoryCollection(overrides);
}
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
// The proxy's own liveness, apart from the nodes'.
app.MapGet("/proxy/healthz", () => Results.Text("ok"));
app.MapReverseProxy();
app.Run();
