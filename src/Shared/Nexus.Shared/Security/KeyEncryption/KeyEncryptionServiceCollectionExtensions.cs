using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Security.KeyEncryption;

public static partial class KeyEncryptionServiceCollectionExtensions
{
    /// <summary>
    /// Every data-protection key this process writes is encrypted at rest with <see cref="KeyEncryptionKey"/>
    /// (resolved now: missing outside Development stops start-up naming the setting). Called by AddNexusHost, so the
    /// shop (ring in the database) and the extracted Licensing service (ring in its data folder) share the rule.
    /// </summary>
    public static IServiceCollection AddNexusKeyEncryption(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataPath)
    {
        var key = KeyEncryptionKey.Resolve(configuration, environment, dataPath);
        services.AddSingleton(key);
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new AesGcmXmlEncryptor(key));
        services.AddHostedService<KeyEncryptionNotice>();
        return services;
    }

    private sealed partial class KeyEncryptionNotice(KeyEncryptionKey key, ILogger<KeyEncryptionNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (key.DevelopmentFile is { } file)
            {
                DevelopmentKey(logger, file, KeyEncryptionKey.Setting);
            }
            else
            {
                ConfiguredKey(logger, key.Id);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection keys are encrypted at rest with a Development key kept in {File}; outside Development set {Setting}")]
        private static partial void DevelopmentKey(ILogger logger, string file, string setting);

        [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection keys are encrypted at rest (AES-256-GCM, key {KeyId})")]
        private static partial void ConfiguredKey(ILogger logger, string keyId);
    }
}
