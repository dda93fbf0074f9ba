namespace Nexus.Shared.Abstractions.Application;

/// <summary>Non-generic marker so pipeline behaviours can recognise commands cheaply.</summary>
public interface ICommandMarker;
