using System.Globalization;
using System.Net;
using System.Text;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// Turns what a shopper typed into search terms, and terms into the engines' syntax. A visitor's text never reaches
/// FTS5's or PostgreSQL's query language as written: it is split into words (letters and digits only — quotes,
/// operators, <c>NEAR</c>, <c>*</c>, brackets become separators), each word is quoted, and the words are joined with
/// AND. The last word also matches as a prefix, so "keyb" finds keyboards while typing.
/// </summary>
internal static class SearchText
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    /// <summary>Lower-case words of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>The distinct search terms of a query, at most <see cref="MaxTerms"/>, each at most <see cref="MaxTermLength"/> characters.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        query is null ? [] : Words(query).Select(w => w.Length > MaxTermLength ? w[..MaxTermLength] : w).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();

    /// <summary>An FTS5 MATCH expression: <c>"term1" "term2"*</c> (implicit AND, last term as a prefix).</summary>
    public static string ToFts5(IReadOnlyList<string> terms) =>
        string.Join(' ', terms.Select((t, i) => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (i == terms.Count - 1 ? "*" : string.Empty)));

    /// <summary>A PostgreSQL <c>to_tsquery('simple', ...)</c> text: <c>term1 &amp; term2:*</c>; terms hold only letters and digits.</summary>
    public static string ToTsQuery(IReadOnlyList<string> terms) =>
        string.Join(" & ", terms.Select((t, i) => t + (i == terms.Count - 1 ? ":*" : string.Empty)));

    /// <summary>Whether a text matches every term the way the engines do: each term is a word, the last one a word's prefix.</summary>
    public static bool Matches(IReadOnlyList<string> terms, string text)
    {
        var words = Words(text).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var found = i == terms.Count - 1 ? words.Any(w => w.StartsWith(term, StringComparison.Ordinal)) : words.Contains(term);
            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text HTML-encoded, with every word that matches a term (the last as a prefix) wrapped in <c>&lt;mark&gt;</c>.</summary>
    public static string Highlight(string text, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return WebUtility.HtmlEncode(text);
        }

        var html = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                var start = i;
                while (i < text.Length && !char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }

                html.Append(WebUtility.HtmlEncode(text[start..i]));
                continue;
            }

            var wordStart = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var word = text[wordStart..i];
            var lower = word.ToLowerInvariant();
            var hit = false;
            for (var t = 0; t < terms.Count && !hit; t++)
            {
                hit = t == terms.Count - 1 ? lower.StartsWith(terms[t], StringComparison.Ordinal) : lower == terms[t];
            }

            html.Append(hit ? "<mark>" + WebUtility.HtmlEncode(word) + "</mark>" : WebUtility.HtmlEncode(word));
        }

        return html.ToString();
    }

    /// <summary>
    /// "Did you mean": each term that is not a known word replaced by the closest known word (edit distance at most
    /// 2, or 1 for short words); null when nothing changes.
    /// </summary>
    public static string? Suggest(IReadOnlyList<string> terms, IReadOnlyList<string> vocabulary)
    {
        if (terms.Count == 0 || vocabulary.Count == 0)
        {
            return null;
        }

        var changed = false;
        var result = new List<string>(terms.Count);
        foreach (var term in terms)
        {
            if (vocabulary.Any(w => w.StartsWith(term, StringComparison.Ordinal)))
            {
                result.Add(term);
                continue;
            }

            var limit = term.Length <= 4 ? 1 : 2;
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var word in vocabulary)
            {
                if (Math.Abs(word.Length - term.Length) > limit)
                {
                    continue;
                }

                var distance = Levenshtein(term, word, limit);
                if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(word, best) < 0))
                {
                    bestDistance = distance;
                    best = word;
                }
            }

            if (best is not null && bestDistance <= limit)
            {
                result.Add(best);
                changed = true;
            }
            else
            {
                result.Add(term);
            }
        }

        return changed ? string.Join(' ', result) : null;
    }

    /// <summary>Edit distance, giving up (returning limit + 1) once it exceeds <paramref name="limit"/>.</summary>
    public static int Levenshtein(string a, string b, int limit)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
