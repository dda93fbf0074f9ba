using System.Security.Claims;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features;

/// <summary>A member of staff's change to one account (back office), handled by a <see cref="StaffChangeHandler{TCommand}"/>.</summary>
internal interface IStaffChange : ICommand<StaffChangeResult?>
{
    string UserId { get; }

    ClaimsPrincipal Actor { get; }
}
