using System.Globalization;
using System.Text;

namespace Velithon.Generators.Json;

/// <summary>Name conversions that must match System.Text.Json byte for byte.</summary>
internal static class JsonNames
{
    /// <summary>
    /// <c>JsonNamingPolicy.CamelCase</c>: lower-cases the leading run of upper-case letters, keeping the last one of
    /// the run upper-case when a lower-case letter follows it ("URLValue" → "urlValue", "IDs" → "iDs"), and
    /// stopping at a space ("ABC DEF" → "abc DEF").
    /// </summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>
    /// A member name as System.Text.Json's <see cref="NamingPolicy"/> of the same name converts it (.NET 10's
    /// <c>JsonNamingPolicy</c>); <see cref="NamingPolicy.Unspecified"/> keeps it as declared.
    /// </summary>
    public static string ConvertName(NamingPolicy policy, string name) => policy switch
    {
        NamingPolicy.CamelCase => ToCamelCase(name),
        NamingPolicy.SnakeCaseLower => ToSeparated(name, '_', lowercase: true),
        NamingPolicy.SnakeCaseUpper => ToSeparated(name, '_', lowercase: false),
        NamingPolicy.KebabCaseLower => ToSeparated(name, '-', lowercase: true),
        NamingPolicy.KebabCaseUpper => ToSeparated(name, '-', lowercase: false),
        _ => name,
    };

    /// <summary>
    /// <c>JsonNamingPolicy.SnakeCaseLower/Upper</c> and <c>KebabCaseLower/Upper</c>, one UTF-16 unit at a time by its
    /// Unicode category: an upper-case letter starts a word after a lower-case letter, a digit or spaces, and inside a
    /// run of upper-case letters when a lower-case letter follows it ("XMLReader" → "xml_reader", "IDs" → "i_ds");
    /// lower-case letters and digits continue a word; spaces are dropped at the start and end and become one separator
    /// between words; anything else (the separator itself, other punctuation, surrogates) is copied and starts over.
    /// Letters are lower-cased (or lower-case letters upper-cased) with the invariant culture.
    /// </summary>
    public static string ToSeparated(string name, char separator, bool lowercase)
    {
        var builder = new StringBuilder(name.Length + (name.Length / 4) + 1);
        State state = State.NotStarted;
        for (int i = 0; i < name.Length; i++)
        {
            char current = name[i];
            UnicodeCategory category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is State.LowercaseOrDigit or State.Space
                        || (state == State.Uppercase && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        builder.Append(separator);
                    }

                    builder.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = State.Uppercase;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == State.Space)
                    {
                        builder.Append(separator);
                    }

                    builder.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = State.LowercaseOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != State.NotStarted)
                    {
                        state = State.Space;
                    }

                    break;
                default:
                    builder.Append(current);
                    state = State.NotStarted;
                    break;
            }
        }

        return builder.ToString();
    }

    private enum State
    {
        NotStarted,
        Uppercase,
        LowercaseOrDigit,
        Space,
    }

    /// <summary>
    /// Escapes a JSON string body as STJ's default encoder does: printable ASCII stays, except <c>" \ &lt; &gt; &amp; ' + `</c>;
    /// <c>\b \t \n \f \r</c> and <c>\\</c> use their short forms; everything else (controls, DEL, non-ASCII, each half
    /// of a surrogate pair) becomes <c>\uXXXX</c> with upper-case hex.
    /// </summary>
    public static string EscapeJson(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < 0x20 || c > 0x7E || c is '"' or '<' or '>' or '&' or '\'' or '+' or '`')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Renders text as the body of a C# <c>"…"u8</c> literal (ASCII only, escapes for the rest).</summary>
    public static string CSharpLiteralBody(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A member's name as a C# identifier in generated code: a reserved keyword (<c>class</c>, <c>event</c>) with <c>@</c>.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>A C# string literal (for type names and JSON names in error paths).</summary>
    public static string CSharpString(string value) => "\"" + CSharpLiteralBody(value) + "\"";

    /// <summary>A C# <c>u8</c> literal of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static string Utf8Literal(string value) => "\"" + CSharpLiteralBody(value) + "\"u8";

    /// <summary>Turns a type name into an identifier fragment.</summary>
    public static string Mangle(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }
}
