using System.Security.Cryptography;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Features.SetUpFirstAdmin;
using Nexus.Modules.Identity.Features.SetUpRoles;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>
/// On start (after migrations): makes sure the three roles exist and, when nobody holds Admin, creates the first
/// administrator from <c>Identity:Admin</c> — or with a generated password written once to the log, since no
/// one could sign in to the back office otherwise.
/// </summary>
internal sealed partial class FirstAdminSetup : IHostedService
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<AdminSettings> settings;
    private readonly ILogger<FirstAdminSetup> logger;

    public FirstAdminSetup(IServiceScopeFactory scopes, IOptions<AdminSettings> settings, ILogger<FirstAdminSetup> logger)
    {
        this.scopes = scopes;
        this.settings = settings;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // Several instances starting together on an empty database race to create the same rows;
            // the loser looks again and finds the winner's.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            await EnsureAsync();
        }
    }

    private async Task EnsureAsync()
    {
        // Two commands, two commits: the administrator's role must exist in the database before a user is put in it.
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new SetUpRoles());

        var email = settings.Value.Email;
        var password = settings.Value.Password;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        if (!await mediator.Send(new SetUpFirstAdmin(email, password!)))
        {
            return; // somebody already holds Admin
        }

        if (generated)
        {
            LogGenerated(logger, email, password!);
        }
        else
        {
            LogConfigured(logger, email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string GeneratePassword()
    {
        // 20 random characters from every class the password policy asks for.
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!#$%&*+-=?@";
        var all = lower + upper + digits + symbols;
        var chars = new[] { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) }
            .Concat(Enumerable.Range(0, 16).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator existed: created {Email} with the generated password {Password} — sign in and change it now; it is not shown again")]
    private static partial void LogGenerated(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "No administrator existed: created {Email} from Identity:Admin")]
    private static partial void LogConfigured(ILogger logger, string email);
}
