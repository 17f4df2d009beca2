namespace AgentConsole.Core.Triggers.Tuning;

/// <summary>The concrete changes a tuning suggestion can propose.</summary>
public enum TuningSuggestionKind
{
    /// <summary>Raise <c>Triggers:KeywordRepeat:Threshold</c>: its escalations are often flagged unnecessary.</summary>
    RaiseKeywordRepeatThreshold,
    /// <summary>Lower <c>Triggers:KeywordRepeat:Threshold</c>: it is precise, and late escalations repeated a keyword one time short of it.</summary>
    LowerKeywordRepeatThreshold,
    /// <summary>Add a phrasing to <c>Triggers:HumanRequest:ExtraPhrases</c>: customers asked this way and escalated late.</summary>
    AddHumanRequestPhrase,
    /// <summary>Raise <c>Triggers:Sentiment:FrustrationThreshold</c>: the frustration trigger's escalations are often flagged unnecessary.</summary>
    RaiseFrustrationThreshold,
}

/// <summary>Where a tuning suggestion is: waiting for an admin, or decided once and for all.</summary>
public enum TuningSuggestionStatus { Proposed, Accepted, Rejected }
