namespace Nexus.Modules.Payments.Provider;

/// <summary>The provider refused the request (4xx) with an error code, e.g. <c>amount_too_large</c>.</summary>
internal sealed class ProviderRefusedException : Exception
{
    public ProviderRefusedException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public ProviderRefusedException()
    {
        Code = string.Empty;
    }

    public ProviderRefusedException(string message)
        : base(message)
    {
        Code = string.Empty;
    }

    public ProviderRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    public int StatusCode { get; }

    public string Code { get; }
}
