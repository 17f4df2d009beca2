using AgentConsole.Core.Handoff;

namespace AgentConsole.Core.Metrics;

/// <summary>How often agents opened one part of the case context.</summary>
/// <param name="Element">The part, from <see cref="ContextElements"/>.</param>
/// <param name="BeforeFirstReply">Worked cases where the agent opened it before their first reply, of all worked cases.</param>
/// <param name="AtAll">Worked cases where the agent opened it at any time, of all worked cases.</param>
public sealed record ElementUse(ContextElement Element, Rate BeforeFirstReply, Rate AtAll);

/// <summary>
/// Which parts of the context agents open, over the worked cases of the range (see <see cref="ContextUseQuery"/>):
/// every element of the catalogue, those nobody opened at 0.
/// </summary>
/// <param name="WorkedCases">Cases and the agents who replied on them: a case two agents answered counts once for each.</param>
/// <param name="Elements">Every element of <see cref="ContextElements.All"/>, the most opened before a first reply first.</param>
public sealed record ContextUseFigure(int WorkedCases, IReadOnlyList<ElementUse> Elements);

/// <summary>One worked case behind a context-use figure: an agent opened the element on it.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="AgentId">The agent, as the case log names them.</param>
/// <param name="BeforeFirstReply">Whether they opened it before their first reply on the case.</param>
public sealed record ContextUseCase(long CaseId, string AgentId, bool BeforeFirstReply);
