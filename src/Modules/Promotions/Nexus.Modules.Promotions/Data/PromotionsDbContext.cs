using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Promotions.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Promotions.Data;

internal sealed class PromotionsDbContext : ModuleDbContext
{
    public const string SchemaName = "promotions";

    public PromotionsDbContext(DbContextOptions<PromotionsDbContext> options)
        : base(options)
    {
    }

    public DbSet<Coupon> Coupons => Set<Coupon>();

    public DbSet<CouponRedemption> Redemptions => Set<CouponRedemption>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<Coupon>(coupon =>
        {
            coupon.ToTable("coupons");
            coupon.HasKey(c => c.Id);
            coupon.Property(c => c.Id).ValueGeneratedNever();
            coupon.Property(c => c.Code).HasMaxLength(CouponCode.MaxLength).IsRequired();
            coupon.Property(c => c.Description).HasMaxLength(Coupon.DescriptionMaxLength).IsRequired();
            coupon.Property(c => c.Kind).HasConversion<int>();
            coupon.Property(c => c.Currency).HasMaxLength(3).IsRequired();
            coupon.HasIndex(c => c.Code).IsUnique();
            coupon.HasIndex(c => c.CreatedAt);
            coupon.Ignore(c => c.Offer);
        });

        modelBuilder.Entity<CouponRedemption>(redemption =>
        {
            redemption.ToTable("coupon_redemptions");
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Id).ValueGeneratedNever();
            redemption.Property(r => r.OrderReference).HasMaxLength(CouponRedemption.OrderReferenceMaxLength).IsRequired();
            redemption.Property(r => r.CustomerKey).HasMaxLength(CouponRedemption.CustomerKeyMaxLength).IsRequired();
            redemption.Property(r => r.Currency).HasMaxLength(3).IsRequired();
            // One redemption per order: the unique key is what makes a retried or doubled checkout count once.
            redemption.HasIndex(r => r.OrderReference).IsUnique();
            redemption.HasIndex(r => new { r.CouponId, r.CustomerKey });
            redemption.HasOne<Coupon>().WithMany().HasForeignKey(r => r.CouponId).OnDelete(DeleteBehavior.Restrict);
            redemption.Ignore(r => r.Released);
        });
    }
}
