using AgentConsole.Core.Routing;

namespace AgentConsole.Core.Chat;

/// <summary>What a customer is told about who is coming: a skill in plain words.</summary>
public static class SkillNames
{
    /// <summary>The team a customer hears of for <paramref name="skill"/>, such as "Billing".</summary>
    public static string Of(Skill skill) => skill switch
    {
        Skill.Billing => "Billing",
        Skill.Technical => "Technical support",
        Skill.AccountManagement or Skill.Retention => "Account",
        Skill.ProductTraining => "Product",
        Skill.Integration => "API and integrations",
        Skill.Security => "Security",
        _ => "Support",
    };
}
