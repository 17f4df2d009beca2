namespace AgentConsole.Core.Triggers.Requests;

/// <summary>What a candidate phrase names, which decides the request frames it needs.</summary>
internal enum NounKind : byte
{
    /// <summary>Unmistakably a person to hand over to: "human", "agent", "manager". Any frame will do, or standing alone.</summary>
    Strong,
    /// <summary>"someone", "a person": needs a frame of talking or wanting, not "give" or "find".</summary>
    Person,
    /// <summary>A team or channel: "support", "sales", "the billing department". Needs a verb of contact, or "number"/"email" after it.</summary>
    Channel,
    /// <summary>A request on its own: "transfer me", "call me back", "escalate".</summary>
    Request,
    /// <summary>A way to reach people that is also an account field: "contact number". A request unless it is "my" or being updated.</summary>
    Contact,
}

/// <summary>A candidate phrase's kind, whether it asks for a manager, and whether "my" may come before it ("my account manager").</summary>
internal readonly record struct Candidate(NounKind Kind, bool Manager = false, bool AllowsMy = false, bool Naming = false);
