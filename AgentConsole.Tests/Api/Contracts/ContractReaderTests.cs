using System.Text;
using AgentConsole.Api.Contracts;

namespace AgentConsole.Tests.Api.Contracts;

public sealed class ContractReaderTests
{
    private static ContractRead<CustomerProfileRequest> Read(string json) => ContractReader.Read<CustomerProfileRequest>(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void AWellTypedBodyIsReadWithoutProblems()
    {
        var read = Read("""{"name":"Ada","tier":"enterprise","annualContractValue":50000.456,"customerSince":"2024-03-01","products":["SSO"]}""");

        Assert.False(read.Errors.Any);
        var profile = read.Value!.ToProfile();
        Assert.Equal(("Ada", global::AgentConsole.Core.Conversations.CustomerTier.Enterprise, 50000.46m), (profile.Name, profile.Tier, profile.AnnualContractValue));
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), profile.CustomerSince);
    }

    [Theory]
    [InlineData("""{"name":"x"} trailing""")]
    [InlineData("""{"name":"x",}""")]
    [InlineData("""{"name":"x" /* note */}""")]
    [InlineData("""{"name":'x'}""")]
    public void TextThatIsNotJsonIsReportedAsSuch(string body)
    {
        var read = Read(body);

        Assert.NotNull(read.NotJson);
        Assert.Null(read.Value);
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsNotJson()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", ContractJson.MaxDepth + 1)) + "1" + new string('}', ContractJson.MaxDepth + 1);

        Assert.NotNull(Read(deep).NotJson);
    }

    [Theory]
    [InlineData("""{"annualContractValue":1e40}""", "annualContractValue", "The field must be a number.")]
    [InlineData("""{"annualContractValue":"5"}""", "annualContractValue", "The field must be a number.")]
    [InlineData("""{"lastFeedbackScore":4.5}""", "lastFeedbackScore", "The field must be a whole number.")]
    [InlineData("""{"lastFeedbackScore":99999999999}""", "lastFeedbackScore", "The field must be a whole number.")]
    [InlineData("""{"recentDowngrade":"true"}""", "recentDowngrade", "The field must be true or false.")]
    [InlineData("""{"products":[1,"ok"]}""", "products[0]", "The item must be a string.")]
    [InlineData("""{"products":{"a":1}}""", "products", "The field must be an array of strings.")]
    [InlineData("""{"customerSince":"2024-03-01T10:00:00"}""", "customerSince", "The field must be an ISO 8601 timestamp with a UTC offset, such as 2026-03-14T09:30:00Z.")]
    [InlineData("""{"name":"a\uD800b"}""", "name", "The field is not valid text: it has an unpaired surrogate escape such as \\uD800.")]
    public void AValueOfTheWrongTypeIsNamedByItsPath(string body, string field, string message)
    {
        var read = Read(body);

        Assert.Null(read.NotJson);
        Assert.Equal([message], read.Errors.ToDictionary()[field]);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void ABodyThatIsNotAnObjectIsAProblemWithTheWhole(string body)
    {
        var read = Read(body);

        Assert.Null(read.Value);
        Assert.Equal(["The body must be a JSON object."], read.Errors.ToDictionary()["$"]);
    }

    [Fact]
    public void APropertyNameThatIsNotValidTextIsAProblemWithItsObject()
    {
        var read = Read("""{"na\uDC00me":"x","name":"Ada"}""");

        Assert.Contains("property name is not valid text", read.Errors.ToDictionary()["$"][0]);
        Assert.Equal("Ada", read.Value!.Name);
    }

    [Fact]
    public void AnIdIsTakenAsAStringOrAsTheTextOfANumber()
    {
        static string? IdOf(string json) => ContractReader.Read<EvaluationRequest>(Encoding.UTF8.GetBytes(json)).Value!.Id;

        Assert.Equal(new[] { "a", "3", "1.50", null }, new[] { IdOf("""{"id":"a"}"""), IdOf("""{"id":3}"""), IdOf("""{"id":1.50}"""), IdOf("""{"id":{"x":1}}""") });
    }
}
