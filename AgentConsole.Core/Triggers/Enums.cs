namespace AgentConsole.Core.Triggers;

/// <summary>What the customer's issue is about.</summary>
public enum IssueCategory { Billing, Technical, AccountAccess, Security, ProductQuestion, Integration, Cancellation, Other }

/// <summary>The fixed reason categories that escalations are reported on.</summary>
public enum ReasonCategory { Complexity, CustomerRequest, Sentiment, AutomationUncertainty, ProductDefect, SecurityCompliance, CustomerValue, Timeout }

/// <summary>How people read a <see cref="ReasonCategory"/>: in case headlines, the console and the hub's cards.</summary>
public static class ReasonCategoryNames
{
    public static string Of(ReasonCategory category) => category switch
    {
        ReasonCategory.CustomerRequest => "Asked for a human",
        ReasonCategory.AutomationUncertainty => "Bot out of its depth",
        ReasonCategory.ProductDefect => "Suspected defect",
        ReasonCategory.SecurityCompliance => "Security and compliance",
        ReasonCategory.CustomerValue => "Customer value",
        ReasonCategory.Timeout => "Unresolved too long",
        _ => category.ToString(),
    };
}

/// <summary>How urgently a case needs a human.</summary>
public enum CasePriority { Low, Normal, High, Urgent }

/// <summary>Which way the customer's mood is heading across the conversation.</summary>
public enum SentimentTrend { Steady, Improving, Worsening }
