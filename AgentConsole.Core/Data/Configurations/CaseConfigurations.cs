using AgentConsole.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ConversationId);
        builder.HasIndex(c => new { c.Status, c.Priority, c.QueuedAt });
        builder.HasIndex(c => c.AssignedAgentId);
        // The history metrics and the dashboard select cases by when they opened.
        builder.HasIndex(c => c.OpenedAt);
        builder.HasOne(c => c.Conversation).WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.AssignedAgent).WithMany().HasForeignKey(c => c.AssignedAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.BriefingMarkdown).IsRequired();
        builder.Property(c => c.ResolutionNote).HasMaxLength(FieldLimits.Text);
        builder.OwnsMany(c => c.Reasons, r =>
        {
            r.ToJson();
            r.Property(x => x.Trigger).HasMaxLength(64);
        });
        builder.Navigation(c => c.Reasons).HasField("_reasons").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.OfferedAgentId);
        builder.Property(c => c.RoutingSummary).HasMaxLength(FieldLimits.Text);
        builder.PrimitiveCollection<List<Guid>>("_excluded").HasColumnName(nameof(Case.ExcludedAgentIds));
        builder.Ignore(c => c.ExcludedAgentIds);
        builder.Ignore(c => c.HolderId);
        builder.Ignore(c => c.IsOpen);
        builder.HasMany(c => c.Events).WithOne(e => e.Case).HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Flags).WithOne(f => f.Case).HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Flags).HasField("_flags").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.CaseId, e.Id });
        builder.HasIndex(e => new { e.Type, e.At });
        // The history metrics count a case's entries by type and take its first assignment's time: this index answers both alone.
        builder.HasIndex(e => new { e.CaseId, e.Type, e.At });
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(FieldLimits.Text);
        builder.Property(e => e.Comment).HasMaxLength(FieldLimits.Text);
    }
}

internal sealed class FeedbackFlagConfiguration : IEntityTypeConfiguration<FeedbackFlag>
{
    public void Configure(EntityTypeBuilder<FeedbackFlag> builder)
    {
        builder.HasKey(f => f.Id);
        // One flag of each kind per actor and case: the store refuses a second.
        builder.HasIndex(f => new { f.CaseId, f.Flag, f.ActorId }).IsUnique();
        builder.Property(f => f.ActorId).HasMaxLength(64).IsRequired();
        builder.Property(f => f.Comment).HasMaxLength(FeedbackFlag.MaxCommentLength);
    }
}

internal sealed class RepeatMentionConfiguration : IEntityTypeConfiguration<RepeatMention>
{
    public void Configure(EntityTypeBuilder<RepeatMention> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.CaseId);
        // One per message: the message is stored once, and so is what it says.
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentConsole.Core.Conversations.Message>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Cue).HasMaxLength(32).IsRequired();
        builder.Property(m => m.Excerpt).HasMaxLength(200).IsRequired();
    }
}
