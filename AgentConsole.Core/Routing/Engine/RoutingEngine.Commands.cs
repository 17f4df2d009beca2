namespace AgentConsole.Core.Routing.Engine;

public sealed partial class RoutingEngine
{
    private abstract class Command
    {
        public abstract Task Completion { get; }
        public abstract Task<object?> ExecuteAsync(RoutingEngine engine, RoutingWork work);
        public abstract void Complete(object? result);
        public abstract void Fail(Exception error);
        public abstract void Cancel();
    }

    private abstract class Command<T> : Command
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<T> Task => _done.Task;
        public override Task Completion => _done.Task;
        public override async Task<object?> ExecuteAsync(RoutingEngine engine, RoutingWork work) => await RunAsync(engine, work);
        protected abstract Task<T> RunAsync(RoutingEngine engine, RoutingWork work);
        public override void Complete(object? result) => _done.TrySetResult((T)result!);
        public override void Fail(Exception error) => _done.TrySetException(error);
        public override void Cancel() => _done.TrySetCanceled();
    }

    private sealed class CaseOpenedCommand(long caseId) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnCaseOpenedAsync(work, caseId);
    }

    private sealed class AcceptCommand(long caseId, RoutingActor actor) : Command<CaseCard>
    {
        protected override Task<CaseCard> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnAcceptAsync(work, caseId, actor);
    }

    private sealed class DeclineCommand(long caseId, string reason, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnDeclineAsync(work, caseId, reason, actor);
    }

    private sealed class PresenceCommand(Guid agentId, Presence presence, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnPresenceAsync(work, agentId, presence, actor);
    }


    private sealed class ConnectionCommand(Guid agentId, bool Opened) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnConnectionAsync(work, agentId, Opened);
    }

    private sealed class ReassignCommand(long caseId, Guid? toAgentId, string? note, bool overrideCapacity, RoutingActor actor) : Command<CaseCard>
    {
        protected override Task<CaseCard> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnReassignAsync(work, caseId, toAgentId, note, overrideCapacity, actor);
    }

    private sealed class TransferCommand(long caseId, TransferTarget target, string? note, bool overrideCapacity, RoutingActor actor) : Command<CaseCard>
    {
        protected override Task<CaseCard> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnTransferAsync(work, caseId, target, note, overrideCapacity, actor);
    }

    private sealed class EngineeringCommand(long caseId, BugReportInput input, RoutingActor actor) : Command<BugReport>
    {
        protected override Task<BugReport> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnEngineeringAsync(work, caseId, input, actor);
    }

    private sealed class ReplyCommand(long caseId, string text, RoutingActor actor) : Command<long>
    {
        protected override Task<long> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnReplyAsync(work, caseId, text, actor);
    }

    private sealed class ResolveCommand(long caseId, string note, RoutingActor actor) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnResolveAsync(work, caseId, note, actor);
    }

    private sealed class AgentChangedCommand(Guid agentId) : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnAgentChangedAsync(work, agentId);
    }

    private sealed class TeamsChangedCommand : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnTeamsChangedAsync(work);
    }

    private sealed class TickCommand : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnTickAsync(work);
    }

    private sealed class DrainCommand : Command<bool>
    {
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => engine.OnDrainAsync(work);
    }

    /// <summary>Answered by the loop without a unit of work: a copy of the state.</summary>
    private sealed class SnapshotCommand : Command<RoutingSnapshot>
    {
        protected override Task<RoutingSnapshot> RunAsync(RoutingEngine engine, RoutingWork work) => throw new InvalidOperationException("Answered by the loop.");
    }

    /// <summary>Answered by the loop without a unit of work: tells who has the case that its conversation changed.</summary>
    private sealed class ConversationUpdatedCommand(long caseId) : Command<bool>
    {
        public long CaseId { get; } = caseId;
        protected override Task<bool> RunAsync(RoutingEngine engine, RoutingWork work) => throw new InvalidOperationException("Answered by the loop.");
    }
}
