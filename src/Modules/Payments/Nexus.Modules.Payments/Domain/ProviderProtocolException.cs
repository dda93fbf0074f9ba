namespace Nexus.Modules.Payments.Domain;

/// <summary>The provider said something the shop cannot read (an unknown status, a malformed answer).</summary>
internal sealed class ProviderProtocolException : Exception
{
    public ProviderProtocolException(string message)
        : base(message)
    {
    }

    public ProviderProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderProtocolException()
    {
    }
}
