using System.Text;

namespace Nexus.Shared.Csv;

/// <summary>
/// Writes RFC 4180 records: a field is quoted when it holds a comma, quote or line break; CRLF ends records. Shared by
/// every module's CSV export (Catalog's products, Ordering's orders) so they quote alike.
/// </summary>
public static class CsvFieldWriter
{
    /// <summary>
    /// Writes one record. With <paramref name="neutraliseFormulas"/>, a field a spreadsheet would run as a formula
    /// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return: "CSV injection", OWASP) gets a
    /// leading apostrophe so it is shown as text. Use it for exports of what shoppers typed (names, e-mail addresses);
    /// Catalog's export leaves it off because its files must import back byte for byte.
    /// </summary>
    public static async Task WriteRecordAsync(TextWriter writer, IReadOnlyList<string?> fields, bool neutraliseFormulas = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var value = fields[i] ?? string.Empty;
            if (neutraliseFormulas && StartsLikeAFormula(value))
            {
                value = "'" + value;
            }

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

    private static bool StartsLikeAFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
