using System.Reflection;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Nexus.ArchitectureTests;

/// <summary>
/// One way to change state and one way to talk across modules: modules tell each other what happened with
/// integration events (outbox, inbox, retries), never with in-process MediatR notifications; and page models and
/// endpoints change state only by sending commands, whose unit of work commits once — they never save a DbContext
/// or make ASP.NET Core Identity's managers write (each of those writes is a commit of its own).
/// </summary>
internal sealed class StateChangeTests
{
    /// <summary>
    /// The UserManager and RoleManager methods that change an account or role (and, by default, save at once). Chosen
    /// by name so a write added in a later ASP.NET Core version is caught without editing this list; the reads
    /// (Find, Get, Is, Has, Check, Verify, Count, Generate...Token) share none of these prefixes.
    /// </summary>
    private static readonly string[] WritePrefixes =
        ["Create", "Update", "Delete", "Add", "Remove", "Reset", "Change", "Set", "Confirm", "Replace", "Redeem", "AccessFailed", "GenerateNewTwoFactorRecoveryCodes"];

    [Test]
    public void Contracts_declare_no_MediatR_notifications()
    {
        var notifications = NexusAssemblies.Contracts
            .SelectMany(NexusAssemblies.Types)
            .Where(t => typeof(INotification).IsAssignableFrom(t))
            .Select(t => $"{t.FullName} (publish it as an IntegrationEvent instead)")
            .ToList();
        notifications.Should().BeEmpty();
    }

    [Test]
    public void The_scan_finds_page_models_and_endpoints_and_sees_their_calls()
    {
        PageModelsAndEndpoints().Should().Contain(t => t.Name == "DeleteModel").And.Contain(t => t.Name == "TokenEndpoints");
        // A call that moved into an async state machine is still seen (guards the IL reader itself).
        Violations(typeof(ScanProbe)).Should().HaveCount(2);
    }

    [Test]
    public void Page_models_and_endpoints_do_not_save_DbContexts_or_write_through_Identitys_managers()
    {
        var violations = PageModelsAndEndpoints().SelectMany(Violations).Distinct().Order(StringComparer.Ordinal).ToList();
        violations.Should().BeEmpty("state changes go through a Features command (unit of work: one commit, with its events)");
    }

    private static IEnumerable<Type> PageModelsAndEndpoints() =>
        NexusAssemblies.Modules.SelectMany(NexusAssemblies.Types)
            .Where(t => !ModuleBoundaryTests.IsCompilerGenerated(t))
            .Where(t => typeof(PageModel).IsAssignableFrom(t) || IsEndpointClass(t));

    /// <summary>A static class that maps minimal API endpoints; its handlers are its methods and lambdas.</summary>
    private static bool IsEndpointClass(Type type) =>
        type is { IsAbstract: true, IsSealed: true }
        && type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Any(m => m.GetParameters().Any(p => typeof(IEndpointRouteBuilder).IsAssignableFrom(p.ParameterType)));

    private static IEnumerable<string> Violations(Type type) =>
        from method in MethodCalls.DeclaredIn(type)
        from called in MethodCalls.CalledBy(method)
        where IsForbidden(called)
        select $"{type.FullName} calls {called.DeclaringType?.Name}.{called.Name}";

    private static bool IsForbidden(MethodBase called)
    {
        var declaring = called.DeclaringType;
        if (declaring is null)
        {
            return false;
        }

        if (typeof(DbContext).IsAssignableFrom(declaring))
        {
            return called.Name.StartsWith("SaveChanges", StringComparison.Ordinal);
        }

        return IsManager(declaring) && WritePrefixes.Any(prefix => called.Name.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static bool IsManager(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && (current.GetGenericTypeDefinition() == typeof(UserManager<>) || current.GetGenericTypeDefinition() == typeof(RoleManager<>)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the rule forbids, once in a plain method and once in an async one (a state machine).</summary>
    private sealed class ScanProbe
    {
        public static void Saves(DbContext db) => db.SaveChanges();

        public static async Task WritesAsync(UserManager<IdentityUser> users, IdentityUser user) => await users.DeleteAsync(user);
    }
}
