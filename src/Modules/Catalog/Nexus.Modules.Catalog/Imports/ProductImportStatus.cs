namespace Nexus.Modules.Catalog.Imports;

/// <summary>Where an import is; the progress page and its JSON poll show this.</summary>
internal enum ProductImportState
{
    Queued,
    Validating,
    Importing,
    Completed,
    Rejected,
    Failed,
}

/// <summary>One row's problem, with the line it starts on in the uploaded file.</summary>
internal sealed record ProductImportError(long Line, string Message);

/// <summary>
/// An import's state, kept beside its uploaded file in the data folder and rewritten as it moves on. "Rejected"
/// means the file had errors and nothing was imported; "Completed" for a dry run means the file is good and nothing
/// was imported either.
/// </summary>
internal sealed record ProductImportStatus(
    string Id,
    string FileName,
    bool DryRun,
    string ActorId,
    DateTime StartedAt,
    ProductImportState State,
    long RowsRead,
    long TotalRows,
    long BytesRead,
    long FileBytes,
    int Created,
    int Updated,
    IReadOnlyList<ProductImportError> Errors,
    bool MoreErrors,
    DateTime? FinishedAt,
    string? Failure)
{
    public bool IsFinished => State is ProductImportState.Completed or ProductImportState.Rejected or ProductImportState.Failed;

    /// <summary>0–100 across both passes: validation is the first half, applying the second (a dry run only validates).</summary>
    public int Percent => State switch
    {
        ProductImportState.Completed or ProductImportState.Rejected or ProductImportState.Failed => 100,
        // The row count is known only after the first pass, so that pass's share follows the bytes read.
        ProductImportState.Validating when FileBytes > 0 => (int)(Math.Min(BytesRead, FileBytes) * (DryRun ? 100 : 50) / FileBytes),
        ProductImportState.Importing when TotalRows > 0 => 50 + (int)(RowsRead * 50 / TotalRows),
        _ => 0,
    };
}
