using System.Data.Common;
using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nexus.Modules.Catalog.Imports;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features.ImportProducts;

/// <summary>
/// Runs one CSV import on Hangfire (queued by the import page once the upload is on disk): pass 1 checks every row
/// and stops there with the report when any row is wrong or when it is a dry run; pass 2 applies all rows and commits
/// them in one database transaction, so the catalog sees the whole import or none of it. The status file is rewritten as it
/// goes, which is what the progress page polls.
/// </summary>
/// <remarks>
/// No automatic retry: a failed import is reported to the admin, who fixes the file and uploads it again; running it
/// again on its own would surprise them. A shutdown mid-way rolls the transaction back and Hangfire requeues the job,
/// which then starts over (create-or-update by SKU is safe to repeat). On the embedded SQLite database pass 2 prepares
/// new products in temporary tables and holds the single writer only to apply updates and copy them in (decision
/// 0017); other writes queue behind that step, reads go on (write-ahead log).
/// </remarks>
[AutomaticRetry(Attempts = 0)]
internal sealed partial class ImportProductsJob(
    ProductImportStore store,
    IMediator mediator,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<ImportProductsJob> logger)
{
    public async Task RunAsync(string importId, CancellationToken cancellationToken)
    {
        var status = await store.ReadAsync(importId, cancellationToken);
        if (status is null || status.IsFinished)
        {
            return;
        }

        var file = store.FileFor(importId);
        try
        {
            status = status with { State = ProductImportState.Validating, RowsRead = 0 };
            await store.WriteAsync(status, cancellationToken);
            var fileBytes = new FileInfo(file).Length;
            status = status with { FileBytes = fileBytes };
            var checking = status;
            var check = await mediator.Send(
                new CheckProductImport(file, new SynchronousProgress<(long Rows, long Bytes)>(p => Write(checking with { RowsRead = p.Rows, BytesRead = p.Bytes }))),
                cancellationToken);
            status = status with { TotalRows = check.Rows, RowsRead = check.Rows, Errors = check.Errors, MoreErrors = check.MoreErrors };
            if (check.Errors.Count > 0 || status.DryRun)
            {
                status = status with
                {
                    State = check.Errors.Count > 0 ? ProductImportState.Rejected : ProductImportState.Completed,
                    Created = check.Errors.Count > 0 ? 0 : check.ToCreate,
                    Updated = check.Errors.Count > 0 ? 0 : check.ToUpdate,
                    FinishedAt = Now(),
                };
                await store.WriteAsync(status, CancellationToken.None);
                store.DeleteUpload(importId);
                return;
            }

            status = status with { State = ProductImportState.Importing, RowsRead = 0 };
            await store.WriteAsync(status, cancellationToken);
            // The command holds the write transaction itself (on SQLite only for its last, short step: decision 0017).
            var importing = status;
            var applied = await mediator.Send(
                new ApplyProductImport(file, status.ActorId, new SynchronousProgress<long>(rows => Write(importing with { RowsRead = rows }))),
                cancellationToken);

            // The apply pass wrote its events' outbox rows itself, batch by batch: wake the relay for them.
            outboxSignal.Notify(CatalogModule.Name);

            status = status with { State = ProductImportState.Completed, RowsRead = status.TotalRows, Created = applied.Created, Updated = applied.Updated, FinishedAt = Now() };
            await store.WriteAsync(status, CancellationToken.None);
            store.DeleteUpload(importId);
            LogImported(logger, importId, applied.Created, applied.Updated);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: rolled back; Hangfire requeues the job and it starts over.
            await store.WriteAsync(status with { State = ProductImportState.Queued, RowsRead = 0 }, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (exception is ProductImportConflictException or DbUpdateException or DbException or IOException)
        {
            LogFailed(logger, exception, importId);
            var message = exception is ProductImportConflictException
                ? exception.Message + " Nothing was imported; check the file and upload it again."
                : "The import failed and was rolled back; nothing was imported. The log has the details.";
            await store.WriteAsync(status with { State = ProductImportState.Failed, Failure = message, FinishedAt = Now() }, CancellationToken.None);
            store.DeleteUpload(importId);
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    // Rewrites the status file as rows go by (every 1,000 rows: about a hundred small writes for 50,000 rows).
    private void Write(ProductImportStatus status) => store.WriteAsync(status, CancellationToken.None).GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog import {ImportId}: {Created} product(s) created, {Updated} updated")]
    private static partial void LogImported(ILogger logger, string importId, int created, int updated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog import {ImportId} failed and was rolled back")]
    private static partial void LogFailed(ILogger logger, Exception exception, string importId);

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; this reports inline, in order, on the job's own flow.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
