using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentConsole.Cluster;

/// <summary>
/// The node's Orleans silo, in a host of its own inside the app's process. Orleans' membership,
/// probes, directory and timeouts read the clock they find in their container; here that is always
/// the system's, whatever clock the app runs on (a test's fake clock must not stall a silo). The
/// silo logs through the app's loggers, and its grains reach the app's services through
/// <see cref="AppServices"/>. Started and stopped with the app, before the node subscribes to its desk.
/// </summary>
public sealed class DeskSilo : IHostedService, IAsyncDisposable
{
    /// <summary>The activity source of Orleans' application grain calls: a trace follows a command into the desk's grain through its spans.</summary>
    public const string GrainCallSource = "Microsoft.Orleans.Application";

    private readonly IHost _host;

    public DeskSilo(IServiceProvider app, IOptions<ClusterOptions> options, IConfiguration configuration, ILoggerFactory loggers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Replace(ServiceDescriptor.Singleton(loggers));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new AppServices(app));
        builder.UseOrleans(silo => ClusterHosting.Configure(silo, options.Value, configuration["Redis:Connection"]));
        _host = builder.Build();
    }

    /// <summary>Grain references and observers, for the node's side of the desk.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>This node's silo: its address and generation name the node to its desk.</summary>
    public ILocalSiloDetails Details => _host.Services.GetRequiredService<ILocalSiloDetails>();

    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }
}

/// <summary>The app's services, as the silo's grains see them.</summary>
public sealed record AppServices(IServiceProvider Services);
