using System.Text;
using Nexus.Modules.Catalog.Csv;
using Nexus.Shared.Csv;

namespace Nexus.UnitTests.Catalog;

/// <summary>RFC 4180 as spreadsheets write it, and malformed files answered with a line number instead of an exception.</summary>
internal sealed class CsvRecordReaderTests
{
    [Test]
    public async Task Quotes_escaped_quotes_embedded_commas_and_line_breaks_are_read_with_the_line_each_record_starts_on()
    {
        var records = await ReadAsync("sku,name\r\nA-1,\"Mug, \"\"large\"\"\"\r\nA-2,\"two\nlines\"\nA-3,plain\n");

        records.Select(r => r.Error).Should().AllBeEquivalentTo((string?)null);
        records.Select(r => r.Line).Should().Equal(1, 2, 3, 5);
        records[1].Fields.Should().Equal("A-1", "Mug, \"large\"");
        records[2].Fields.Should().Equal("A-2", "two\nlines");
        records[3].Fields.Should().Equal("A-3", "plain");
    }

    [Test]
    public async Task A_byte_order_mark_is_skipped_and_empty_fields_and_blank_lines_are_kept_apart()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("sku,name,price\n\nA-1,,\"\"\nB-2,Bé,1")).ToArray();

        var records = await ReadAsync(bytes);

        records.Should().HaveCount(3);
        records[0].Fields.Should().Equal("sku", "name", "price");
        records[1].Fields.Should().Equal("A-1", string.Empty, string.Empty);
        records[1].Line.Should().Be(3);
        records[2].Fields.Should().Equal("B-2", "Bé", "1");
    }

    [Test]
    public async Task Lone_carriage_returns_end_records_too()
    {
        var records = await ReadAsync("a,b\rc,d\r");

        records.Select(r => string.Join("|", r.Fields)).Should().Equal("a|b", "c|d");
    }

    [TestCase("sku,name\nA-1,\"never closed\n", 2, "never closed")]
    [TestCase("sku,name\nA-1,\"closed\"then text\n", 2, "after a closing quote")]
    [TestCase("sku,name\nA-1,\"ok\"\nB-2,half\"quote\n", 3, "quote inside a field")]
    public async Task A_malformed_file_ends_with_an_error_naming_its_line(string csv, int line, string message)
    {
        var records = await ReadAsync(csv);

        var last = records[^1];
        last.Error.Should().Contain(message).And.StartWith($"Line {line}:");
        records.Take(records.Count - 1).Should().OnlyContain(r => r.Error == null);
    }

    [Test]
    public async Task A_huge_field_is_an_error_not_a_memory_spike()
    {
        var records = await ReadAsync("sku,name\nA-1," + new string('x', CsvRecordReader.MaxFieldLength + 10) + "\n");

        records[^1].Error.Should().Contain("longer than");
    }

    [Test]
    public async Task Long_files_are_read_a_record_at_a_time()
    {
        var csv = new StringBuilder("sku,name\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append("SKU-").Append(i).Append(",\"Name ").Append(i).Append("\"\r\n");
        }

        var count = 0;
        await foreach (var record in CsvRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))))
        {
            record.Error.Should().BeNull();
            count++;
        }

        count.Should().Be(20_001);
    }

    [Test]
    public async Task What_the_writer_writes_the_reader_reads_back()
    {
        string?[][] rows = [["a,b", "say \"hi\"", "line\r\nbreak", null, "=1+1"], ["x", "", " padded ", "é", "-"]];
        using var output = new MemoryStream();
        await using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        {
            foreach (var row in rows)
            {
                await CsvFieldWriter.WriteRecordAsync(writer, row);
            }
        }

        var records = await ReadAsync(output.ToArray());

        records.Should().HaveCount(2);
        records[0].Fields.Should().Equal("a,b", "say \"hi\"", "line\r\nbreak", string.Empty, "=1+1");
        records[1].Fields.Should().Equal("x", string.Empty, " padded ", "é", "-");
    }

    private static Task<List<CsvRecord>> ReadAsync(string csv) => ReadAsync(Encoding.UTF8.GetBytes(csv));

    private static async Task<List<CsvRecord>> ReadAsync(byte[] bytes)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in CsvRecordReader.ReadAsync(new MemoryStream(bytes)))
        {
            records.Add(record);
        }

        return records;
    }
}
