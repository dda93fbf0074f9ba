using Microsoft.AspNetCore.Mvc.ModelBinding;
using Nexus.Shared.Application;

namespace Nexus.Modules.Customers.Pages;

internal static class ModelStateErrors
{
    /// <summary>Shows a request's validation failures next to the fields of the form bound under <paramref name="prefix"/>.</summary>
    public static void AddTo(ModelStateDictionary modelState, RequestValidationException exception, string prefix)
    {
        foreach (var (field, messages) in exception.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError($"{prefix}.{field}", message);
            }
        }
    }
}
