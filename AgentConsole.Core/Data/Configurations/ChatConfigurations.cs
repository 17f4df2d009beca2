using AgentConsole.Core.Cases;
using AgentConsole.Core.Chat;
using AgentConsole.Core.Chat.Knowledge;
using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<ChatSession>
{
    public void Configure(EntityTypeBuilder<ChatSession> builder)
    {
        builder.HasKey(s => s.Id);
        // Every widget request finds its session by the token's hash.
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.ExternalId).IsUnique();
        builder.Property(s => s.TokenHash).HasMaxLength(32).IsRequired();
        builder.Property(s => s.ExternalId).HasMaxLength(FieldLimits.ExternalId).IsRequired();
    }
}

internal sealed class ChatRatingConfiguration : IEntityTypeConfiguration<ChatRating>
{
    public void Configure(EntityTypeBuilder<ChatRating> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.ConversationId, r.RatedAt });
        // A case is rated once.
        builder.HasIndex(r => r.CaseId).IsUnique().HasFilter("\"CaseId\" IS NOT NULL");
        builder.Property(r => r.Comment).HasMaxLength(ChatRating.MaxCommentLength);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KnowledgeArticleRecordConfiguration : IEntityTypeConfiguration<KnowledgeArticleRecord>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticleRecord> builder)
    {
        builder.ToTable("KnowledgeArticles");
        builder.HasKey(a => a.Slug);
        builder.Property(a => a.Slug).HasMaxLength(KnowledgeArticleRecord.MaxSlugLength);
        builder.Property(a => a.Markdown).HasMaxLength(KnowledgeArticleRecord.MaxMarkdownLength).IsRequired();
        // Who changed it is the admin's sign-in name, an email address.
        builder.Property(a => a.UpdatedBy).HasMaxLength(FieldLimits.Email).IsRequired();
        // Two admins editing one article: the second save, made from the older version, is refused.
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}
