using AgentConsole.Core.Routing;
using AgentConsole.Core.Routing.Engine;
using AgentConsole.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AgentConsole.Tests.EndToEnd;

/// <summary>"A lost connection shows the reconnect UI, and the state is correct after reconnecting."</summary>
public sealed class ReconnectTests : BrowserTestBase
{
    // Neither Chromium's offline emulation (BrowserContext.SetOfflineAsync, or CDP's
    // Network.emulateNetworkConditions) closes a WebSocket that is already open, so the circuit
    // never notices it. Instead this script, run before the page's own scripts, wraps what the
    // SignalR client connects with, for the circuit's /_blazor address only: cut() closes the
    // live sockets and refuses every new attempt (negotiation over fetch, and WebSocket,
    // EventSource and XMLHttpRequest should a transport be tried without one) as a dropped
    // network would; restore() lets Blazor's own retries through again. Refused attempts are
    // counted, so the test can tell Blazor really tried to come back while it was cut off.
    private const string NetworkSwitchScript = """
        (() => {
            const isCircuit = url => {
                try { return new URL(String(url), location.href).pathname.startsWith('/_blazor'); } catch { return false; }
            };
            const net = window.__circuitNetwork = { offline: false, refused: 0, live: new Set() };
            const refuse = () => { net.refused++; return new DOMException('The network is down (cut by the test).', 'NetworkError'); };

            const NativeWebSocket = window.WebSocket;
            window.WebSocket = class extends NativeWebSocket {
                constructor(url, protocols) {
                    if (net.offline && isCircuit(url)) throw refuse();
                    super(url, protocols);
                    if (isCircuit(url)) {
                        net.live.add(this);
                        this.addEventListener('close', () => net.live.delete(this));
                    }
                }
            };
            const NativeEventSource = window.EventSource;
            window.EventSource = class extends NativeEventSource {
                constructor(url, options) {
                    if (net.offline && isCircuit(url)) throw refuse();
                    super(url, options);
                }
            };
            const nativeFetch = window.fetch;
            window.fetch = function (input, init) {
                const url = input instanceof Request ? input.url : input;
                if (net.offline && isCircuit(url)) { refuse(); return Promise.reject(new TypeError('Failed to fetch')); }
                return nativeFetch.call(this, input, init);
            };
            const nativeOpen = XMLHttpRequest.prototype.open;
            const nativeSend = XMLHttpRequest.prototype.send;
            XMLHttpRequest.prototype.open = function (method, url, ...rest) {
                this.__circuit = isCircuit(url);
                return nativeOpen.call(this, method, url, ...rest);
            };
            XMLHttpRequest.prototype.send = function (body) {
                if (net.offline && this.__circuit) {
                    refuse();
                    setTimeout(() => this.dispatchEvent(new ProgressEvent('error')));
                    return;
                }
                return nativeSend.call(this, body);
            };

            net.cut = () => {
                net.offline = true;
                const sockets = [...net.live];
                for (const socket of sockets) socket.close(4000, 'Network cut by the test');
                return sockets.length;
            };
            net.restore = () => { net.offline = false; };
        })();
        """;

    [Fact]
    public async Task AfterALostConnectionTheQueueReconnectsAndShowsWhatChangedMeanwhileWithoutAReload()
    {
        // Arrange: Priya is the only billing agent free; her queue is open and live, holding one case.
        var priyaId = await AgentIdAsync(Priya);
        var marcusId = await AgentIdAsync(Marcus);
        var teamId = await TeamIdAsync(priyaId);
        await Engine.SetPresenceAsync(marcusId, Presence.Offline, RoutingActor.ForSupervisor());
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(NetworkSwitchScript);
        await SignInAsync(page, Priya, DemoUsers.AgentPassword);
        await OpenAsync(page, "/queue");
        var presence = page.GetByTestId("presence").GetByRole(AriaRole.Combobox, new() { Name = "My presence" });
        await Assertions.Expect(presence).ToHaveValueAsync("Available");
        // The case arrives after the page was prerendered, so its row shows only once the circuit is live.
        var heldId = await PostEscalationAsync("e2e-reconnect-held");
        await Engine.AcceptOfferAsync(heldId, RoutingActor.ForAgent(priyaId, teamId, "Priya Raman"));
        var held = page.Locator($"[data-testid=assigned-case][data-case-id='{heldId}']");
        await Assertions.Expect(held).ToBeVisibleAsync();
        // Gone after a reload (a new document) or after the page was rendered afresh (a new circuit).
        await page.EvaluateAsync("() => { window.__beforeCut = true; document.querySelector('h1').__beforeCut = true; }");
        var reconnectDialog = page.Locator("#components-reconnect-modal .components-reconnect-dialog");

        // Act: the connection drops; meanwhile Marcus takes the case and a new one is offered to Priya.
        var cutSockets = await page.EvaluateAsync<int>("() => window.__circuitNetwork.cut()");
        Assert.Equal(1, cutSockets);
        // Blazor's default display: a dialog in the shadow root of #components-reconnect-modal, faded in over the page.
        await Assertions.Expect(reconnectDialog).ToBeVisibleAsync();
        await Assertions.Expect(reconnectDialog).ToContainTextAsync("Rejoin");
        await Assertions.Expect(reconnectDialog).ToHaveCSSAsync("opacity", "1");
        await ScreenshotAsync(page, "reconnecting");
        // The server saw the connection go: the engine no longer counts Priya's console (the grace starts).
        Assert.Equal(0, await ConnectionsWhenAsync(priyaId, n => n == 0));
        await Engine.ReassignAsync(heldId, marcusId, "Taking this one.", overrideCapacity: false, RoutingActor.ForLead(marcusId, teamId, "Marcus Okafor"));
        var offeredId = await PostEscalationAsync("e2e-reconnect-offered");
        Assert.Equal(priyaId, (await Engine.SnapshotAsync()).Cases.Single(c => c.Id == offeredId).Holder);
        await page.EvaluateAsync("() => window.__circuitNetwork.restore()");

        // Assert: Blazor's own retry brings the same circuit back, and the screen catches up. Its first
        // ten retries come at once and were refused; the next comes up to 5 s later, hence the longer wait.
        await Assertions.Expect(reconnectDialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(held).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"[data-testid=offer][data-case-id='{offeredId}']")).ToBeVisibleAsync();
        await Assertions.Expect(presence).ToHaveValueAsync("Available");
        Assert.Equal(1, await ConnectionsWhenAsync(priyaId, n => n == 1));
        var priya = (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == priyaId);
        // Her load counts the new offer, and says so.
        await Assertions.Expect(page.GetByTestId("load")).ToHaveTextAsync($"Holding {priya.Load} of {priya.Capacity} (1 offered)");
        await ScreenshotAsync(page, "reconnected");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeCut === true"), "The page was reloaded.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('h1').__beforeCut === true"), "The page was rendered afresh on a new circuit instead of reconnecting to its own.");
        Assert.True(await page.EvaluateAsync<int>("() => window.__circuitNetwork.refused") > 0, "Blazor never tried to reconnect while the network was cut.");
        // Not set Away by the outage: the presence grace runs on the fake clock, which stands still.
        Assert.Equal(Presence.Available, priya.Presence);
    }

    // The engine's count of the agent's live connections, once it satisfies done (or as it is after 15 s).
    private async Task<int> ConnectionsWhenAsync(Guid agentId, Func<int, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var connections = (await Engine.SnapshotAsync()).Agents.Single(a => a.Id == agentId).Connections;
            if (done(connections) || DateTime.UtcNow > until) return connections;
            await Task.Delay(100);
        }
    }
}
