using AgentConsole.Core.Handoff;

namespace AgentConsole.Tests.Core.Handoff;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("hello <img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void RawHtmlIsShownAsText(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JavaScript:alert(1))")]
    [InlineData("[click me](java\tscript:alert(1))")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click me](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void UnsafeLinksLoseTheirTarget(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"java", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ImagesBecomeTheirAltText()
    {
        var html = SafeMarkdown.ToHtml("![tracking pixel](https://evil.example/p.gif) and ![x](data:image/png;base64,AAAA)");

        Assert.DoesNotContain("<img", html);
        Assert.Contains("tracking pixel", html);
    }

    [Theory]
    [InlineData("[docs](https://docs.example.com/a?b=c)", "href=\"https://docs.example.com/a?b=c\"")]
    [InlineData("[site](http://example.com)", "href=\"http://example.com\"")]
    [InlineData("[mail us](mailto:help@example.com)", "href=\"mailto:help@example.com\"")]
    public void SafeLinksStayLinks(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown));

    [Fact]
    public void EscapedCustomerTextCannotOpenLinksOrHtml()
    {
        var hostile = "[win](javascript:alert(1)) <script>x</script> **bold** # heading\n- item";

        var html = SafeMarkdown.ToHtml("Customer said: " + MarkdownText.Quote(hostile));

        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<strong>bold", html);
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("[win](javascript:alert(1))", html);
    }
}
