namespace AgentConsole.Core.Schedules;

/// <summary>Who is on call for a rotation from <paramref name="From"/> until <paramref name="Until"/> (UTC); no one when <paramref name="AgentId"/> is null.</summary>
public sealed record OnCallShift(Guid RotationId, Guid? AgentId, DateTime From, DateTime Until);
