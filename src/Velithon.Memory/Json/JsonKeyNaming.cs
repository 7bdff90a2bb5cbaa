using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json;

/// <summary>
/// System.Text.Json's known naming policies applied to dictionary keys at run time without allocating: the same
/// algorithms as <see cref="JsonNamingPolicy.CamelCase"/>, <see cref="JsonNamingPolicy.SnakeCaseLower"/> and the others
/// (checked against them character for character by a property test), written into a caller's buffer. Keys too long
/// for the buffer go through the policy itself.
/// </summary>
internal static class JsonKeyNaming
{
    /// <summary>The longest key converted into a stack buffer (a separator policy writes at most two characters per character).</summary>
    public const int MaxStackKeyLength = 128;

    /// <summary>The policy object of a known policy (null for <see cref="JsonKnownNamingPolicy.Unspecified"/>).</summary>
    public static JsonNamingPolicy? Policy(JsonKnownNamingPolicy policy) => policy switch
    {
        JsonKnownNamingPolicy.CamelCase => JsonNamingPolicy.CamelCase,
        JsonKnownNamingPolicy.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
        JsonKnownNamingPolicy.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
        JsonKnownNamingPolicy.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
        JsonKnownNamingPolicy.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
        _ => null,
    };

    /// <summary>
    /// Converts <paramref name="name"/> into <paramref name="destination"/> (at least twice its length) and returns the
    /// number of characters written.
    /// </summary>
    public static int Convert(JsonKnownNamingPolicy policy, ReadOnlySpan<char> name, Span<char> destination) => policy switch
    {
        JsonKnownNamingPolicy.CamelCase => CamelCase(name, destination),
        JsonKnownNamingPolicy.SnakeCaseLower => Separated(name, destination, '_', lowercase: true),
        JsonKnownNamingPolicy.SnakeCaseUpper => Separated(name, destination, '_', lowercase: false),
        JsonKnownNamingPolicy.KebabCaseLower => Separated(name, destination, '-', lowercase: true),
        JsonKnownNamingPolicy.KebabCaseUpper => Separated(name, destination, '-', lowercase: false),
        _ => Copy(name, destination),
    };

    private static int Copy(ReadOnlySpan<char> name, Span<char> destination)
    {
        name.CopyTo(destination);
        return name.Length;
    }

    // JsonNamingPolicy.CamelCase: the leading run of upper-case letters is lower-cased, except its last letter when a
    // letter that is not upper-case follows (a space after it lowers it too).
    private static int CamelCase(ReadOnlySpan<char> name, Span<char> destination)
    {
        name.CopyTo(destination);
        if (name.IsEmpty || !char.IsUpper(name[0]))
        {
            return name.Length;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (i == 1 && !char.IsUpper(destination[i]))
            {
                break;
            }

            bool hasNext = i + 1 < name.Length;
            if (i > 0 && hasNext && !char.IsUpper(destination[i + 1]))
            {
                if (destination[i + 1] == ' ')
                {
                    destination[i] = char.ToLowerInvariant(destination[i]);
                }

                break;
            }

            destination[i] = char.ToLowerInvariant(destination[i]);
        }

        return name.Length;
    }

    // JsonNamingPolicy.SnakeCase*/KebabCase*, one UTF-16 unit at a time by Unicode category (see the generator's JsonNames).
    private static int Separated(ReadOnlySpan<char> name, Span<char> destination, char separator, bool lowercase)
    {
        int written = 0;
        int state = 0; // 0 not started, 1 upper-case letter, 2 lower-case letter or digit, 3 space
        for (int i = 0; i < name.Length; i++)
        {
            char current = name[i];
            UnicodeCategory category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is 2 or 3 || (state == 1 && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        destination[written++] = separator;
                    }

                    destination[written++] = lowercase ? char.ToLowerInvariant(current) : current;
                    state = 1;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == 3)
                    {
                        destination[written++] = separator;
                    }

                    destination[written++] = !lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current;
                    state = 2;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != 0)
                    {
                        state = 3;
                    }

                    break;
                default:
                    destination[written++] = current;
                    state = 0;
                    break;
            }
        }

        return written;
    }
}
