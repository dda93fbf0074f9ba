using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing.Hosting;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Shared.Application;

namespace Nexus.IntegrationTests.Storefront;

/// <summary>Commands go through validation and are committed exactly once, by the pipeline, or not at all.</summary>
internal sealed class UnitOfWorkTests
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory();
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_invalid_command_reports_every_field_and_writes_nothing()
    {
        var before = await CountProductsAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var act = () => mediator.Send(new CreateProduct("bad sku", "", "", -1, "euro", Guid.NewGuid(), false, -5));

        var failure = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        failure.Errors.Keys.Should().BeEquivalentTo(["Sku", "Name", "PriceMinor", "Currency", "CategoryId", "StockOnHand"]);
        (await CountProductsAsync()).Should().Be(before);
    }

    [Test]
    public async Task A_valid_command_is_committed_once_and_readable_through_the_contracts()
    {
        Guid id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            id = await mediator.Send(new CreateProduct("HW-TEST-01", "Test Webcam", "1080p", 4500, "EUR", Hardware, false, 3));
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var snapshots = await mediator.Send(new GetProductSnapshots([id, Guid.NewGuid()]));
            snapshots.Should().ContainSingle().Which.Should().Be(new ProductSnapshot(id, "HW-TEST-01", "Test Webcam", 4500, "EUR", false, 3));
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var duplicate = () => mediator.Send(new CreateProduct("HW-TEST-01", "Another", "", 1, "EUR", Hardware, false, 0));
            (await duplicate.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Should().ContainKey("Sku");
        }
    }

    private async Task<int> CountProductsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.CountAsync();
    }
}
