using AgentConsole.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentConsole.Core.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.ExternalId).HasMaxLength(FieldLimits.ExternalId).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(FieldLimits.Email);
        builder.Property(c => c.Company).HasMaxLength(FieldLimits.Name);
        builder.Property(c => c.Plan).HasMaxLength(FieldLimits.Name);
        builder.Property(c => c.AnnualContractValue).HasPrecision(18, 2);
        builder.Property(c => c.LifetimeValue).HasPrecision(18, 2);
        builder.PrimitiveCollection(c => c.Products).HasField("_products").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.Owner);
        // An account owner is an agent or a team the store knows; the routing engine reads them with the customer.
        builder.HasOne<Routing.Agent>().WithMany().HasForeignKey(c => c.OwnerAgentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Routing.Team>().WithMany().HasForeignKey(c => c.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.IntegrationId, c.ExternalId }).IsUnique();
        // The sweeper finds conversations still with the bot by stage and first message (a stage alone is this index's prefix).
        // Last activity has no index: every batch moves it, and no query starts from it.
        builder.HasIndex(c => new { c.Stage, c.FirstCustomerMessageAt });
        // The history metrics select conversations by when they started, often for one channel.
        builder.HasIndex(c => new { c.CreatedAt, c.Channel });
        builder.Property(c => c.ExternalId).HasMaxLength(FieldLimits.ExternalId).IsRequired();
        builder.Property(c => c.Channel).HasMaxLength(FieldLimits.Channel).IsRequired();
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Integrations.Integration>().WithMany().HasForeignKey(c => c.IntegrationId).OnDelete(DeleteBehavior.Restrict);
        // Messages are appended in bulk by the ingestion path, not through change tracking, so the
        // aggregate's list of new messages is not a navigation EF follows.
        builder.Ignore(c => c.Messages);
        builder.HasMany<Message>().WithOne().HasForeignKey(m => m.ConversationId);
        builder.HasMany(c => c.AttemptedSolutions).WithOne().HasForeignKey(a => a.ConversationId);
        builder.HasMany(c => c.PageViews).WithOne().HasForeignKey(p => p.ConversationId);
        builder.HasMany<InboundEvent>().WithOne().HasForeignKey(e => e.ConversationId);
        builder.Navigation(c => c.AttemptedSolutions).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.PageViews).HasField("_pages").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasKey(m => m.Id);
        // The transcript's order. The history metrics' look for a conversation's first customer message and the bot's
        // messages before an escalation reads this range too: a second index would cost every message insert a second write.
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        builder.Property(m => m.Text).HasMaxLength(FieldLimits.Text).IsRequired();
        builder.Property(m => m.EventId).HasMaxLength(FieldLimits.EventId);
    }
}

internal sealed class AttemptedSolutionConfiguration : IEntityTypeConfiguration<AttemptedSolution>
{
    public void Configure(EntityTypeBuilder<AttemptedSolution> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.ConversationId);
        builder.Property(a => a.Description).HasMaxLength(FieldLimits.Text).IsRequired();
        builder.Property(a => a.EventId).HasMaxLength(FieldLimits.EventId);
    }
}

internal sealed class PageContextConfiguration : IEntityTypeConfiguration<PageContext>
{
    public void Configure(EntityTypeBuilder<PageContext> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.ConversationId, p.ViewedAt });
        builder.Property(p => p.Url).HasMaxLength(FieldLimits.Url).IsRequired();
        builder.Property(p => p.Title).HasMaxLength(FieldLimits.Title);
        builder.Property(p => p.EventId).HasMaxLength(FieldLimits.EventId);
    }
}

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> builder)
    {
        builder.HasKey(e => e.Id);
        // The idempotency guarantee: a conversation accepts each sender event id once.
        builder.HasIndex(e => new { e.ConversationId, e.EventId }).IsUnique();
        builder.Property(e => e.EventId).HasMaxLength(FieldLimits.EventId).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Payload).IsRequired();
    }
}

internal sealed class CompanyOwnerConfiguration : IEntityTypeConfiguration<CompanyOwner>
{
    public void Configure(EntityTypeBuilder<CompanyOwner> builder)
    {
        builder.HasKey(o => o.Key);
        builder.Property(o => o.Key).HasMaxLength(FieldLimits.Name);
        builder.Property(o => o.Company).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Ignore(o => o.Owner);
        // Like a customer's own owner: deleting the agent or team leaves the company without one.
        builder.HasOne<Routing.Agent>().WithMany().HasForeignKey(o => o.OwnerAgentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Routing.Team>().WithMany().HasForeignKey(o => o.OwnerTeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
