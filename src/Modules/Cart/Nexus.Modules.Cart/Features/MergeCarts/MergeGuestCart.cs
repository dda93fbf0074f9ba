using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Features.MergeCarts;

/// <summary>
/// A guest signed in while carrying a cart cookie: the guest cart joins the customer's (docs/decisions/0020, "Merge").
/// Answers true when a guest cart was merged or handed over, false when there was none (already merged: idempotent).
/// </summary>
internal sealed record MergeGuestCart(string CustomerId, string GuestToken) : ICommand<bool>;
