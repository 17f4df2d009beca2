using AgentConsole.Cli;
using AgentConsole.Core.Data;
using AgentConsole.Core.Data.Seeding.History;
using AgentConsole.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AgentConsole.Tests.Integration;

/// <summary>The <c>seed-history</c> command line: what it stores, and what it refuses before touching a file.</summary>
public sealed class SeedHistoryCommandTests : IDisposable
{
    private readonly TempDatabase _database = TempDatabase.OnSqlite();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SeedsTheAskedCasesIntoTheNamedFileAndSaysSo()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await SeedHistoryCommand.RunAsync(["--cases", "40", "--days", "5", "--seed", "3", "--database", _database.FilePath], stdout, stderr, _clock);

        Assert.Equal(0, exit);
        Assert.Contains("40 cases in 100 conversations", stdout.ToString());
        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        Assert.Equal(40, await db.Cases.CountAsync());
        Assert.Equal(100, await db.Conversations.CountAsync());
        Assert.True(await db.Integrations.AnyAsync(i => i.Name == "History import"));
    }

    [Theory]
    [InlineData("--cases", "0")]
    [InlineData("--cases", "ten")]
    [InlineData("--days", "30")]
    [InlineData("--cases", "10", "--days", "0")]
    [InlineData("--cases", "10", "--colour", "blue")]
    [InlineData("--cases")]
    public async Task RefusesBadArgumentsWithUsageAndCreatesNoFile(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await SeedHistoryCommand.RunAsync([.. args, "--database", _database.FilePath], stdout, stderr, _clock);

        Assert.Equal(2, exit);
        Assert.Contains("seed-history", stderr.ToString());
        Assert.Equal("", stdout.ToString());
        Assert.False(File.Exists(_database.FilePath));
    }

    [Fact]
    public async Task ASecondHistoryInTheSameFileIsRefusedAndLeavesTheFirst()
    {
        string[] args = ["--cases", "10", "--days", "3", "--database", _database.FilePath];
        await SeedHistoryCommand.RunAsync(args, new StringWriter(), new StringWriter(), _clock);
        var stderr = new StringWriter();

        var exit = await SeedHistoryCommand.RunAsync(args, new StringWriter(), stderr, _clock);

        Assert.Equal(1, exit);
        Assert.Contains("already holds a generated history", stderr.ToString());
        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        Assert.Equal(10, await db.Cases.CountAsync());
    }

    public void Dispose() => _database.Dispose();
}
