using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.UndoEmailChange;

/// <summary>
/// Puts back the address an account had before an e-mail change (the undo link mailed to the old address). Only undoes
/// that change: false, with nothing changed, when the account no longer has <paramref name="ChangedTo"/> or the old
/// address is taken.
/// </summary>
internal sealed record UndoEmailChange(string UserId, string PreviousEmail, string ChangedTo) : ICommand<bool>;
