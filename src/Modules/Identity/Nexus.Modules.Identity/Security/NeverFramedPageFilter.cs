using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Web;

namespace Nexus.Modules.Identity.Security;

/// <summary>Account pages (sign-in above all) are never framed: a framed sign-in form is a clickjacking target.</summary>
internal sealed class NeverFramedPageFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var policy = context.HttpContext.RequestServices.GetRequiredService<ContentSecurityPolicy>();
        policy.FrameAncestors.Clear();
        policy.FrameAncestors.Add("'none'");
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
