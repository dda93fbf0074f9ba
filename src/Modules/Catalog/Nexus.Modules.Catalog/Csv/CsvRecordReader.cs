using System.Runtime.CompilerServices;
using System.Text;

namespace Nexus.Modules.Catalog.Csv;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas, line breaks and
/// escaped quotes (<c>""</c>), records ended by CRLF, LF or CR, an optional UTF-8 byte-order mark. It keeps one record
/// in memory at a time and numbers records by the physical line they start on, so an error names the line an admin
/// sees in a spreadsheet or editor.
/// </summary>
/// <remarks>
/// Our own (about a hundred lines) rather than CsvHelper 34, whose API is a new SIMD reader we would have to learn and
/// whose errors do not carry line numbers the way the import's report needs. A syntax error (an unclosed quote, text
/// after a closing quote, a quote inside an unquoted field, a field or record beyond the limits) ends the read with
/// <see cref="CsvRecord.Error"/> set: after a broken quote nothing further in the file can be trusted to line up.
/// </remarks>
internal static class CsvRecordReader
{
    /// <summary>Longest field accepted (characters); a longer one is an error, not a memory spike.</summary>
    public const int MaxFieldLength = 64 * 1024;

    /// <summary>Most fields a record may have.</summary>
    public const int MaxFields = 256;

    /// <summary>Reads records from a stream (UTF-8, with or without a byte-order mark). Blank lines are skipped.</summary>
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var buffer = new char[64 * 1024];
        var length = 0;
        var position = 0;
        var line = 1L;
        var fields = new List<string>();
        var field = new StringBuilder();
        var recordLine = 1L;
        var inQuotes = false;
        var afterQuote = false; // a quoted field just closed: only a separator or a line end may follow
        var fieldStarted = false;
        var pendingCr = false;

        while (true)
        {
            if (position == length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                length = await text.ReadAsync(buffer.AsMemory(), cancellationToken);
                position = 0;
                if (length == 0)
                {
                    break;
                }
            }

            var c = buffer[position++];
            if (pendingCr)
            {
                pendingCr = false;
                if (c == '\n')
                {
                    continue; // CRLF: the CR already ended the record
                }
            }

            if (inQuotes)
            {
                if (c == '"')
                {
                    // Either the closing quote or the first half of an escaped one; look at the next character.
                    if (position == length)
                    {
                        length = await text.ReadAsync(buffer.AsMemory(), cancellationToken);
                        position = 0;
                    }

                    if (position < length && buffer[position] == '"')
                    {
                        position++;
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && !(position < length && buffer[position] == '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                if (field.Length > MaxFieldLength)
                {
                    yield return CsvRecord.Fault(recordLine, $"Line {recordLine}: a field is longer than {MaxFieldLength:N0} characters.");
                    yield break;
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    fieldStarted = true;
                    if (fields.Count >= MaxFields)
                    {
                        yield return CsvRecord.Fault(recordLine, $"Line {recordLine}: more than {MaxFields} fields.");
                        yield break;
                    }

                    break;
                case '\r' or '\n':
                    pendingCr = c == '\r';
                    if (fieldStarted || field.Length > 0 || afterQuote || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return CsvRecord.Of(recordLine, [.. fields]);
                    }

                    fields.Clear();
                    field.Clear();
                    afterQuote = false;
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    if (afterQuote || field.Length > 0)
                    {
                        yield return CsvRecord.Fault(line, $"Line {line}: a quote inside a field that does not start with one (write it as \"\" inside a quoted field).");
                        yield break;
                    }

                    inQuotes = true;
                    fieldStarted = true;
                    break;
                default:
                    if (afterQuote)
                    {
                        yield return CsvRecord.Fault(line, $"Line {line}: text after a closing quote; a quoted field must end at a comma or the line's end.");
                        yield break;
                    }

                    field.Append(c);
                    fieldStarted = true;
                    if (field.Length > MaxFieldLength)
                    {
                        yield return CsvRecord.Fault(recordLine, $"Line {recordLine}: a field is longer than {MaxFieldLength:N0} characters.");
                        yield break;
                    }

                    break;
            }
        }

        if (inQuotes)
        {
            yield return CsvRecord.Fault(recordLine, $"Line {recordLine}: a quoted field is never closed.");
            yield break;
        }

        if (fieldStarted || field.Length > 0 || afterQuote || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return CsvRecord.Of(recordLine, [.. fields]);
        }
    }
}

/// <summary>One record and the line it starts on, or the syntax error that ended the file.</summary>
internal sealed record CsvRecord(long Line, string[] Fields, string? Error)
{
    public static CsvRecord Of(long line, string[] fields) => new(line, fields, null);

    public static CsvRecord Fault(long line, string error) => new(line, [], error);
}
