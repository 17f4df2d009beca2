namespace AgentConsole.Core.Routing.Policy;

/// <summary>One named part of an agent's routing score; the score is the sum of its terms.</summary>
/// <param name="Name">A stable name, such as "proficiency".</param>
/// <param name="Value">The points the term adds.</param>
/// <param name="Detail">What the value stands for, such as "Billing 5/5" or "1 of 3 cases".</param>
public sealed record ScoreTerm(string Name, double Value, string Detail);

/// <summary>
/// An extra term added to every eligible agent's score, after the built-in ones: the seam for a
/// term learned from outcomes ("who resolves what fastest"). Its value should be
/// small next to <see cref="AgentScorer.ProficiencyWeight"/> unless it is meant to outrank skill.
/// It must be a pure function of its arguments (take learned weights as an immutable table and
/// swap the instance to update them): <see cref="RoutingDecision.Explain"/> replays the decision.
/// </summary>
public interface IScoreTerm
{
    /// <summary>The term's stable name.</summary>
    string Name { get; }

    /// <summary>The points for <paramref name="agent"/> on <paramref name="case"/>. Called in the hot loop: keep it allocation-free.</summary>
    double Value(AgentSnapshot agent, CaseToRoute @case, DateTime now);

    /// <summary>What the value stands for, for the explanation.</summary>
    string Describe(AgentSnapshot agent, CaseToRoute @case, DateTime now);

    /// <summary>
    /// The most <see cref="Value"/> gives any agent on <paramref name="case"/> at <paramref name="now"/>. The
    /// indexed decision stops walking the agents where none left could beat the best so far, and relies on
    /// this bound; the default, infinity, makes it look at every agent who could take the case.
    /// </summary>
    double MaxValue(CaseToRoute @case, DateTime now) => double.PositiveInfinity;
}
