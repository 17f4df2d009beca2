using AgentConsole.Core.Triggers.Text;

namespace AgentConsole.Tests.Core.Triggers.Text;

public sealed class WordListsTests
{
    private static string ResourcesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var resources = Path.Combine(folder.FullName, "AgentConsole.Core", "Triggers", "Resources");
            if (Directory.Exists(resources)) return resources;
        }
        throw new DirectoryNotFoundException("AgentConsole.Core/Triggers/Resources is not above the test's output folder.");
    }

    [Fact]
    public void EveryListFileShipsInTheAssembly()
    {
        var root = ResourcesFolder();
        var files = Directory.EnumerateFiles(root, "*.txt", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')[..^".txt".Length])
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, WordLists.Names);
    }

    [Fact]
    public void EveryListHasEntriesWithoutStraySpaceOrComments()
    {
        Assert.All(WordLists.Names, name =>
        {
            var entries = WordLists.Get(name);
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.True(e.Length > 0 && e == e.Trim() && e[0] != '#', $"{name}: '{e}'"));
        });
    }

    [Fact]
    public void AListIsReadOnceAndShared()
    {
        Assert.Same(WordLists.Get("Rules/security-phrases"), WordLists.Get("Rules/security-phrases"));
    }

    [Fact]
    public void ReadsOneEntryALineSkippingCommentsAndBlankLines()
    {
        var entries = WordLists.Parse(new StringReader("# what the list is for\n\n  speak to a human \n# a note\nagent\r\n"));

        Assert.Equal(["speak to a human", "agent"], entries);
    }

    [Fact]
    public void AnUnknownListIsNamedInTheError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WordLists.Get("Rules/no-such-list"));

        Assert.Contains("Rules/no-such-list", error.Message);
    }
}
