extern alias benchmarks;
using benchmarks::AgentConsole.Benchmarks;

namespace AgentConsole.Tests.LoadTools;

public sealed class MachineCpuTests
{
    [Fact]
    public void TheMachinesBusyTimeGrowsWhileAThreadWorks()
    {
        Assert.True(File.Exists("/proc/stat"), "the load tools read the machine's CPU from Linux's /proc/stat");
        var before = MachineCpu.Busy();
        Assert.True(before > TimeSpan.Zero);

        // Work until the kernel's count moves (it ticks 100 times a second); the count never goes back.
        var after = before;
        var spins = 0L;
        while (after <= before && spins < 50_000_000_000)
        {
            for (var i = 0; i < 1_000_000; i++) spins++;
            after = MachineCpu.Busy();
        }

        Assert.True(after > before, $"busy time stayed at {before} after {spins:N0} spins");
    }
}
