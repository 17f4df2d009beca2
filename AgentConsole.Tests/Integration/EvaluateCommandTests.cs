using System.Diagnostics;
using System.Text.Json;
using AgentConsole.Cli;
using AgentConsole.Hosting;
using AgentConsole.Tests.Support;

namespace AgentConsole.Tests.Integration;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"evaluate-{Guid.NewGuid():N}.jsonl");
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"evaluate-{Guid.NewGuid():N}-results.jsonl");

    [Fact]
    public async Task PrintsOneResultPerLineInOrderWithTheContractFields()
    {
        await File.WriteAllLinesAsync(_file,
        [
            """{"id":"a","text":"How do I export a dashboard to PDF?"}""",
            """{"id":"b","text":"Someone logged into my account and changed my password"}""",
            "",
            """{"id":3,"messages":[{"author":"customer","text":"I want a refund"},{"author":"bot","text":"I can't help with refunds","confidence":0.3}],"customer":{"tier":"Enterprise"}}""",
            """{"id":"bad","messages":[{"author":"alien","text":"x"}]}""",
            """not json""",
        ]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await EvaluateCommand.RunAsync([_file], TextReader.Null, stdout, stderr, embedder: SharedEmbedder.Instance);

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(["a", "b", "3", "bad", null], lines.Select(l => l.GetProperty("id").ValueKind == JsonValueKind.Null ? null : l.GetProperty("id").GetString()));
        foreach (var result in lines.Take(3))
        {
            Assert.Equal(
                ["id", "category", "categoryConfidence", "escalate", "priority", "reasons", "sentiment"],
                result.EnumerateObject().Select(p => p.Name));
            Assert.All(result.GetProperty("reasons").EnumerateArray(), r => Assert.Equal(["category", "evidence"], r.EnumerateObject().Select(p => p.Name)));
        }
        Assert.False(lines[0].GetProperty("escalate").GetBoolean());
        Assert.True(lines[1].GetProperty("escalate").GetBoolean());
        Assert.Equal("Security", lines[1].GetProperty("category").GetString());
        Assert.True(lines[2].GetProperty("escalate").GetBoolean());
        Assert.Contains("author", lines[3].GetProperty("error").GetString());
        Assert.Contains("not valid JSON", lines[4].GetProperty("error").GetString());
        Assert.Contains("done: 5 lines, 2 invalid", stderr.ToString());
    }

    [Fact]
    public async Task ReadsStandardInputWithADash()
    {
        var stdout = new StringWriter();

        var exit = await EvaluateCommand.RunAsync(["-"], new StringReader("""{"id":"x","text":"hello there"}"""), stdout, new StringWriter(), embedder: SharedEmbedder.Instance);

        Assert.Equal(0, exit);
        Assert.Equal("x", JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ExplainsUsageAndMissingFiles()
    {
        var stderr = new StringWriter();

        var usage = await EvaluateCommand.RunAsync([], TextReader.Null, new StringWriter(), stderr);
        var missing = await EvaluateCommand.RunAsync(["/no/such/file.jsonl"], TextReader.Null, new StringWriter(), stderr);

        Assert.Equal((2, 2), (usage, missing));
        Assert.Contains("usage: evaluate", stderr.ToString());
        Assert.Contains("no such file", stderr.ToString());
    }

    [Fact]
    public async Task WritesTheResultsToTheOutputFileAndNothingToStandardOutput()
    {
        await File.WriteAllLinesAsync(_file, ["""{"id":"a","text":"How do I export a dashboard to PDF?"}""", """{"id":"b","text":"let me talk to a person"}"""]);
        var stdout = new StringWriter();

        var exit = await EvaluateCommand.RunAsync([_file, "--output", _output], TextReader.Null, stdout, new StringWriter(), embedder: SharedEmbedder.Instance);

        Assert.Equal(0, exit);
        Assert.Equal("", stdout.ToString());
        var written = await File.ReadAllLinesAsync(_output);
        Assert.Equal(["a", "b"], written.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.NotEqual(0xEF, (await File.ReadAllBytesAsync(_output))[0]);
    }

    [Fact]
    public async Task RefusesAnOutputItCannotWriteBeforeReadingAnything()
    {
        await File.WriteAllLinesAsync(_file, ["""{"id":"a","text":"hello"}"""]);
        var stderr = new StringWriter();

        var noFolder = await EvaluateCommand.RunAsync([_file, "--output", "/no/such/folder/results.jsonl"], TextReader.Null, new StringWriter(), stderr);
        var noName = await EvaluateCommand.RunAsync([_file, "--output"], TextReader.Null, new StringWriter(), stderr);

        Assert.Equal((2, 2), (noFolder, noName));
        Assert.Contains("no such folder for the output", stderr.ToString());
        Assert.Contains("--output results.jsonl", stderr.ToString());
    }

    [Fact]
    public async Task TheReadmesDotnetRunCommandWritesNothingButTheResultsToStandardOutput()
    {
        await File.WriteAllLinesAsync(_file, ["""{"id":"a","text":"someone took money from my account"}""", """{"id":"b","text":"thanks, all sorted"}"""]);
        const string configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RootConfiguration.Locate(),
        };
        // As the README says, less the build the test run has done already.
        foreach (var arg in new[] { "run", "--project", "AgentConsole", "--no-build", "-c", configuration, "--", "evaluate", _file }) start.ArgumentList.Add(arg);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["a", "b"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData(true, true, null, new string[0], "Development")]
    [InlineData(false, true, null, new string[0], null)]
    [InlineData(true, false, null, new string[0], null)]
    [InlineData(true, true, "Staging", new string[0], null)]
    [InlineData(true, true, null, new[] { "--environment=Production" }, null)]
    public void ADebugBuildRunAsItsOwnProcessDefaultsToDevelopment(bool debug, bool entryPoint, string? variable, string[] args, string? added)
    {
        var result = DefaultEnvironment.Apply(args, name => name == "ASPNETCORE_ENVIRONMENT" ? variable : null, debug, entryPoint);

        Assert.Equal(added is null ? args : [.. args, "--environment", added], result);
    }

    public void Dispose()
    {
        if (File.Exists(_file)) File.Delete(_file);
        if (File.Exists(_output)) File.Delete(_output);
    }
}
