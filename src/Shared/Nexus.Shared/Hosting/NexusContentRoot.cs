using Microsoft.AspNetCore.Builder;

namespace Nexus.Shared.Hosting;

/// <summary>
/// Where a Nexus host looks for <c>wwwroot</c> (and, unless <c>Nexus:DataPath</c> says otherwise, its data folder).
/// ASP.NET Core takes the working directory as the content root; a published host started from anywhere else —
/// <c>/</c> in a container, a service manager's home — then answered <c>/</c> with 200 but <c>/css/site.css</c> with
/// 404. When the working directory has no <c>wwwroot</c> and the application's own folder has one (a publish output),
/// the application's folder is the content root. An explicit <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> /
/// <c>DOTNET_CONTENTROOT</c> always wins, and <c>dotnet run</c> from the source tree is unchanged (the build output has
/// no <c>wwwroot</c>: static files come from the project through the static web assets manifest).
/// </summary>
public static class NexusContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Environment.GetEnvironmentVariable),
    };

    /// <summary>The content root to use, or null to keep ASP.NET Core's default (the working directory or what was given).</summary>
    public static string? Choose(string[] args, string workingDirectory, string applicationDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(environment("DOTNET_CONTENTROOT"));
        if (given || Directory.Exists(Path.Combine(workingDirectory, "wwwroot")) || !Directory.Exists(Path.Combine(applicationDirectory, "wwwroot")))
        {
            return null;
        }

        return applicationDirectory;
    }
}
