using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features;
using Nexus.Modules.Identity.Security;
using Nexus.Modules.Identity.Tokens;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Account;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Security.Tokens;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity;

/// <summary>
/// Identity: accounts on ASP.NET Core Identity (sign-in cookie, lockout, roles, two-factor), the first
/// administrator, the staff audit log, the shared data-protection key ring, and short-lived tokens for
/// sub-apps and services with their public keys (docs/decisions/0006).
/// </summary>
public static class IdentityModule
{
    public const string Name = "Identity";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdentityStoreDbContext>(Name, IdentityStoreDbContext.SchemaName);
        services.AddModuleHandlers(typeof(IdentityModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);

        var accounts = configuration.GetSection(AccountSettings.Section).Get<AccountSettings>() ?? new AccountSettings();
        services.AddOptions<AccountSettings>().Bind(configuration.GetSection(AccountSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminSettings>().Bind(configuration.GetSection(AdminSettings.Section));
        services.AddOptions<TokenSettings>().Bind(configuration.GetSection(TokenSettings.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddIdentityCore<ShopUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                options.SignIn.RequireConfirmedEmail = accounts.RequireConfirmedEmail;
                options.Stores.MaxLengthForKeys = 128;
            })
            .AddRoles<IdentityRole>()
            // The EF stores, the user store with the fix that lets commands defer its saves (IdentityStoreSaves).
            .AddUserStore<ShopUserStore>()
            .AddRoleStore<RoleStore<IdentityRole, IdentityStoreDbContext>>()
            // Every password sign-in costs one hash, account or not (issue 13, item 2).
            .AddSignInManager<ShopSignInManager>()
            .AddDefaultTokenProviders();
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<ShopUser>>();
        services.TryAddScoped<ITwoFactorSecurityStampValidator, TwoFactorSecurityStampValidator<ShopUser>>();

        // The host registers the application cookie (AddNexusCookieAuthentication, Identity's scheme name);
        // Identity adds the short-lived cookies of the two-factor step and re-checks the security stamp, so a
        // locked account, a forced password reset or a role change ends existing sessions within Identity:SessionRecheckSeconds.
        services.AddAuthentication()
            .AddCookie(IdentityConstants.ExternalScheme, o => o.Cookie.Name = "nexus.external")
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "nexus.2fa";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "nexus.2fa-remember");
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
            options.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(accounts.SessionRecheckSeconds));

        // Data-protection keys in the database, shared by every instance (replaces the host's folder ring, being
        // registered after it). The package's repository reads and writes Identity's data_protection_keys table
        // through IdentityStoreDbContext, so keys follow the module's schema or prefix (docs/decisions/0002).
        services.AddDataProtection().PersistKeysToDbContext<IdentityStoreDbContext>();

        services.Configure<RateLimiterOptions>(options => IdentityRateLimits.AddPolicies(options, accounts));
        services.AddSingleton<SignInThrottle>();
        // The live channel (decision 0026) admits a signed-in connection only with a current security stamp.
        services.AddScoped<Nexus.Shared.Live.ILiveSessionCheck, StampedLiveSession>();
        services.AddSingleton<UnknownAccountPasswordCheck>();
        services.AddSingleton<EmailChangeUndoTokens>();

        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<INexusSigningKeySource>(provider => provider.GetRequiredService<SigningKeyStore>());
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenIssueLimiter>();
        // Sign-out ends the user's open sub-app live streams (wherever they are served) instead of leaving them to
        // their tokens' expiry.
        services.AddNexusSubAppLiveNotifier();

        // The antiforgery cookie's default is never-Secure; make it Secure under HTTPS like the sign-in cookie.
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AddFolderApplicationModelConvention("/Account", page => page.Filters.Add(new NeverFramedPageFilter())));

        services.AddScoped<AuditLog>();
        // Other modules' staff actions (an order shipped, a refund) reach the audit log through their outboxes.
        services.AddIntegrationEventHandler<StaffActionRecorded, RecordStaffActionHandler>(Name);
        services.AddScoped<IdentityStoreSaves>();
        services.AddHostedService<FirstAdminSetup>();
        services.AddSingleton(new BackOfficeSection("Users", "/admin/users", "Accounts, roles, lockouts and password resets", NexusPolicies.BackOffice, Order: 100));
        services.AddSingleton(new AccountTab("security", "Security", "/account/security", "password, two-factor sign-in, your data and account", Order: 60));
        services.AddSingleton(new BackOfficeSection("Audit log", "/admin/audit", "What staff did to accounts, and when", NexusPolicies.BackOffice, Order: 110));
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTokenEndpoints();
        endpoints.MapSessionEndpoints();
        return endpoints;
    }
}
