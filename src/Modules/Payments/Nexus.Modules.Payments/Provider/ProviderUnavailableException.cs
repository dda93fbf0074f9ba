namespace Nexus.Modules.Payments.Provider;

/// <summary>No usable answer from the provider (timeout, connection failure, 5xx): the request's outcome is unknown.</summary>
internal sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message)
        : base(message)
    {
    }
}
