using Microsoft.Extensions.Configuration;

namespace Nexus.Shared.SubApps;

/// <summary>The sub-apps this process knows: the ones it embeds (host side) and the ones whose pages it serves.</summary>
public sealed class SubAppRegistry
{
    private readonly List<RegisteredSubApp> apps = [];

    public IReadOnlyList<RegisteredSubApp> All => apps;

    /// <summary>The shared sub-app authorization policies are registered (once, by the first served sub-app).</summary>
    internal bool PoliciesAdded { get; set; }

    public RegisteredSubApp? Find(string name) =>
        apps.FirstOrDefault(a => string.Equals(a.Definition.Name, name, StringComparison.OrdinalIgnoreCase));

    internal RegisteredSubApp Add(SubAppDefinition definition, IConfiguration configuration, bool servedHere)
    {
        var existing = Find(definition.Name);
        if (existing is not null)
        {
            existing.ServedHere |= servedHere;
            return existing;
        }

        // Checked here, at registration, so a bad address stops start-up (exit 2) naming the setting.
        _ = SubAppUrls.TokenUrl(configuration);
        var settings = new SubAppSettings();
        var prefix = $"SubApps:{definition.Name}";
        var section = configuration.GetSection(prefix);
        settings.Url = SubAppUrls.AbsoluteBase(section[nameof(SubAppSettings.Url)], $"{prefix}:{nameof(SubAppSettings.Url)}");
        settings.HostUrl = SubAppUrls.AbsoluteBase(section[nameof(SubAppSettings.HostUrl)], $"{prefix}:{nameof(SubAppSettings.HostUrl)}");
        foreach (var origin in section.GetSection(nameof(SubAppSettings.AllowedHostOrigins)).Get<string[]>() ?? [])
        {
            settings.AllowedHostOrigins.Add(SubAppOrigins.Normalise(origin, $"SubApps:{definition.Name}:AllowedHostOrigins"));
        }

        var app = new RegisteredSubApp(definition, settings) { ServedHere = servedHere };
        apps.Add(app);
        return app;
    }
}
