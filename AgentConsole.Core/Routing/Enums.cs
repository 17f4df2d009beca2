namespace AgentConsole.Core.Routing;

/// <summary>The skills that cases need and agents have.</summary>
public enum Skill { Billing, Technical, AccountManagement, ProductTraining, Integration, Security, Retention }

/// <summary>How senior an agent is. Cases climb the tiers when lower ones cannot take them.</summary>
public enum AgentTier { Frontline, Specialist, Senior, Engineering }

/// <summary>Whether an agent can take work right now.</summary>
public enum Presence { Available, Busy, Away, InMeeting, Offline }
