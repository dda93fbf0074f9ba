using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Nexus.Testing;

/// <summary>
/// Approval (snapshot) testing: text is compared with <c>TestFile.TestName.verified.txt</c> beside
/// the test's source file. On a mismatch <c>.received.txt</c> is written beside it (git-ignored) and
/// the test fails; accepting a change is renaming received to verified and committing it.
/// </summary>
public static partial class Approvals
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Compares <paramref name="actual"/> with the verified file. Line endings and trailing
    /// newlines are normalised, so editors and git's autocrlf do not cause failures.
    /// Pass <paramref name="name"/> explicitly to verify more than one text in a test or to tell
    /// the cases of a parameterised test apart.
    /// </summary>
    public static void Verify(string actual, [CallerFilePath] string file = "", [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.GetDirectoryName(file);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            // CallerFilePath is the path at compile time; source path mapping (PathMap,
            // ContinuousIntegrationBuild=true) turns it into /_/..., which does not exist here.
            throw new InvalidOperationException(
                $"The test's source folder '{directory}' does not exist. Approvals need the real source path: build without PathMap/ContinuousIntegrationBuild.");
        }

        var stem = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(file)}.{name}");
        var verifiedPath = stem + ".verified.txt";
        var receivedPath = stem + ".received.txt";
        var received = Normalize(actual);

        if (File.Exists(verifiedPath))
        {
            var verified = Normalize(File.ReadAllText(verifiedPath));
            if (verified == received)
            {
                File.Delete(receivedPath); // Left over from an earlier failure.
                return;
            }

            File.WriteAllText(receivedPath, received + "\n", Utf8NoBom);
            Assert.Fail($"{Path.GetFileName(verifiedPath)} does not match: {FirstDifference(verified, received)}\n" + Instructions(receivedPath, verifiedPath));
        }

        File.WriteAllText(receivedPath, received + "\n", Utf8NoBom);
        Assert.Fail($"{Path.GetFileName(verifiedPath)} does not exist yet.\n" + Instructions(receivedPath, verifiedPath));
    }

    /// <summary>
    /// Replaces values that change from run to run: first <paramref name="scrubbers"/> in order
    /// (e.g. <c>s =&gt; Regex.Replace(s, @"order-\d+", "order-N")</c>), then GUIDs with Guid_1,
    /// Guid_2... and ISO-8601 date-times with DateTime_1, DateTime_2... The same value gets the same
    /// number each time it occurs, so the text still shows which ids are equal.
    /// </summary>
    public static string Scrub(string text, params Func<string, string>[] scrubbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scrubbers);
        foreach (var scrubber in scrubbers)
        {
            text = scrubber(text);
        }

        text = Number(GuidPattern(), text, "Guid_", static v => v.Trim('{', '}').ToUpperInvariant());
        return Number(DateTimePattern(), text, "DateTime_", static v => v);
    }

    private static string Number(Regex pattern, string text, string prefix, Func<string, string> key)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return pattern.Replace(text, match =>
        {
            var k = key(match.Value);
            if (!numbers.TryGetValue(k, out var number))
            {
                number = numbers.Count + 1;
                numbers[k] = number;
            }

            return prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n');

    private static string FirstDifference(string verified, string received)
    {
        var expected = verified.Split('\n');
        var actual = received.Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : null;
            var a = i < actual.Length ? actual[i] : null;
            if (e != a)
            {
                return $"first difference at line {i + 1} (verified has {expected.Length} lines, received {actual.Length}):\n"
                    + $"  verified: {Show(e)}\n"
                    + $"  received: {Show(a)}";
            }
        }

        return "no line differs"; // Not reached: the texts differ.
    }

    private static string Show(string? line) => line is null ? "(no such line)" : $"\"{line}\"";

    private static string Instructions(string receivedPath, string verifiedPath) =>
        $"Received: {receivedPath}\nIf it is right, accept it: mv \"{receivedPath}\" \"{verifiedPath}\"";

    [GeneratedRegex(@"(?<![0-9A-Fa-f-])\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?(?![0-9A-Fa-f-])")]
    private static partial Regex GuidPattern();

    // Date, T or space, time with optional seconds and fraction, optional Z or offset.
    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)")]
    private static partial Regex DateTimePattern();
}
