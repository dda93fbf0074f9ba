using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Nexus.Shared.Persistence;

/// <summary>
/// SQLite hands back <see cref="DateTimeKind.Unspecified"/> and Npgsql refuses anything but UTC for
/// timestamptz; storing and reading UTC everywhere removes both surprises.
/// </summary>
internal sealed class UtcDateTimeConverter : ValueConverter<DateTime, DateTime>
{
    public UtcDateTimeConverter()
        : base(
            value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
            value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
    {
    }
}
