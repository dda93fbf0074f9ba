using System.Text;

namespace Nexus.Modules.Catalog.Csv;

/// <summary>Writes RFC 4180 records: a field is quoted when it holds a comma, quote or line break; CRLF ends records.</summary>
internal static class CsvFieldWriter
{
    public static async Task WriteRecordAsync(TextWriter writer, IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var value = fields[i] ?? string.Empty;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(value);
            }
        }

        line.Append("\r\n");
        await writer.WriteAsync(line);
    }
}
